namespace Autograder.Core.Variants;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): a documented, platform-independent generator, so a variant is
/// the same on every machine and .NET version (System.Random's algorithm is not a stable contract).
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [minInclusive, maxInclusive], without modulo bias.</summary>
    public int NextInt(int minInclusive, int maxInclusive)
    {
        if (maxInclusive < minInclusive) throw new ArgumentOutOfRangeException(nameof(maxInclusive));
        var range = (ulong)((long)maxInclusive - minInclusive + 1);
        var limit = ulong.MaxValue - ulong.MaxValue % range;
        ulong draw;
        do { draw = NextUInt64(); } while (draw >= limit);
        return (int)(minInclusive + (long)(draw % range));
    }

    public double NextDouble(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>A value in [min, max] rounded to the given number of decimals (generated params are rounded before solving).</summary>
    public double NextRounded(double min, double max, int decimals) => Math.Round(NextDouble(min, max), decimals, MidpointRounding.AwayFromZero);

    public T Pick<T>(IReadOnlyList<T> items) => items[NextInt(0, items.Count - 1)];

    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = NextInt(0, i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
