using System.Text.Json.Nodes;
using Autograder.Core.Inputs;
using Autograder.Solvers.Json;

namespace Autograder.Solvers.Solvers;

/// <summary>
/// A CNN of circularly padded convolutions followed by global average pooling is invariant to circular shifts of
/// its input: the features of an image are those of the known image it is a circular shift of.
/// </summary>
public sealed class CircularShiftFeaturesSolver : ISolver
{
    public string Id => "circular-shift-features";

    public string Description => "Features of a circular-padding CNN with global average pooling for images that are circular shifts of images with known features.";

    public JsonObject Solve(JsonObject parameters)
    {
        var p = new ParamReader(parameters);
        var images = p.Required("images") is JsonArray a
            ? a.Select((m, i) => ParamReader.ToMatrix(m, $"{p.Field("images")}[{i}]")).ToArray()
            : throw p.Bad("images", "must be an array of matrices");
        if (images.Length == 0)
        {
            throw p.Bad("images", "must not be empty");
        }

        var features = p.Required("features") is JsonArray f
            ? f.Select((v, i) => ParamReader.ToVector(v, $"{p.Field("features")}[{i}]")).ToArray()
            : throw p.Bad("features", "must be an array of vectors");
        if (features.Length != images.Length)
        {
            throw p.Bad("features", $"has {features.Length} entries but images has {images.Length}");
        }

        var queries = p.Required("queries") is JsonArray q
            ? q.Select((m, i) => ParamReader.ToMatrix(m, $"{p.Field("queries")}[{i}]")).ToArray()
            : throw p.Bad("queries", "must be an array of matrices");
        if (queries.Length == 0)
        {
            throw p.Bad("queries", "must not be empty");
        }

        CheckSize(images, p.Field("images"));
        CheckSize(queries, p.Field("queries"));
        var outputs = new JsonArray();
        var matches = new JsonArray();
        for (var i = 0; i < queries.Length; i++)
        {
            var match = Find(images, queries[i])
                ?? throw new BadInputException($"{p.Field("queries")}[{i}]", "is not a circular shift of any of the images, so its features are not determined");
            outputs.Add(Answer.Vector(features[match.Image]));
            matches.Add(new JsonObject { ["image"] = match.Image, ["rows"] = match.Rows, ["columns"] = match.Columns });
        }

        return new JsonObject { ["outputs"] = outputs, ["matches"] = matches };
    }

    private static void CheckSize(double[][][] images, string field)
    {
        for (var i = 0; i < images.Length; i++)
        {
            if (images[i].Length * images[i][0].Length > 4096)
            {
                throw new BadInputException($"{field}[{i}]", "images of more than 4096 pixels are not supported");
            }
        }
    }

    private static (int Image, int Rows, int Columns)? Find(double[][][] images, double[][] query)
    {
        for (var k = 0; k < images.Length; k++)
        {
            var image = images[k];
            if (image.Length != query.Length || image[0].Length != query[0].Length)
            {
                continue;
            }

            for (var dr = 0; dr < image.Length; dr++)
            {
                for (var dc = 0; dc < image[0].Length; dc++)
                {
                    if (IsShift(image, query, dr, dc))
                    {
                        return (k, dr, dc);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>True when query[r][c] = image[r − dr][c − dc] with indices taken modulo the size.</summary>
    private static bool IsShift(double[][] image, double[][] query, int dr, int dc)
    {
        int rows = image.Length, columns = image[0].Length;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                if (query[r][c] != image[(r - dr + rows) % rows][(c - dc + columns) % columns])
                {
                    return false;
                }
            }
        }

        return true;
    }
}
