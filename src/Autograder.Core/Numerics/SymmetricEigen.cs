namespace Autograder.Core.Numerics;

/// <summary>Cyclic Jacobi rotations for a small symmetric matrix: eigenvalues descending, eigenvectors as columns.</summary>
public static class SymmetricEigen
{
    public static (double[] Values, double[,] Vectors) Decompose(double[,] matrix)
    {
        var size = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        var v = new double[size, size];
        for (var i = 0; i < size; i++)
        {
            v[i, i] = 1;
        }

        for (var sweep = 0; sweep < 100; sweep++)
        {
            var off = 0.0;
            for (var i = 0; i < size; i++)
            {
                for (var j = i + 1; j < size; j++)
                {
                    off += a[i, j] * a[i, j];
                }
            }

            if (off < 1e-30)
            {
                break;
            }

            for (var pi = 0; pi < size; pi++)
            {
                for (var qi = pi + 1; qi < size; qi++)
                {
                    if (Math.Abs(a[pi, qi]) < 1e-300)
                    {
                        continue;
                    }

                    var theta = (a[qi, qi] - a[pi, pi]) / (2 * a[pi, qi]);
                    var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    var c = 1 / Math.Sqrt((t * t) + 1);
                    var s = t * c;
                    for (var r = 0; r < size; r++)
                    {
                        double arp = a[r, pi], arq = a[r, qi];
                        a[r, pi] = (c * arp) - (s * arq);
                        a[r, qi] = (s * arp) + (c * arq);
                    }

                    for (var r = 0; r < size; r++)
                    {
                        double apr = a[pi, r], aqr = a[qi, r];
                        a[pi, r] = (c * apr) - (s * aqr);
                        a[qi, r] = (s * apr) + (c * aqr);
                    }

                    for (var r = 0; r < size; r++)
                    {
                        double vrp = v[r, pi], vrq = v[r, qi];
                        v[r, pi] = (c * vrp) - (s * vrq);
                        v[r, qi] = (s * vrp) + (c * vrq);
                    }
                }
            }
        }

        var order = Enumerable.Range(0, size).OrderByDescending(i => a[i, i]).ToArray();
        var values = order.Select(i => a[i, i]).ToArray();
        var vectors = new double[size, size];
        for (var c = 0; c < size; c++)
        {
            for (var r = 0; r < size; r++)
            {
                vectors[r, c] = v[r, order[c]];
            }
        }

        return (values, vectors);
    }
}
