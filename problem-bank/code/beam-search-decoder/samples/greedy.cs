// expect: wrong_answer
// Greedy decoding: the best child at every step. Right only where beam search happens to agree (width 1).
public sealed record Node(string Token, double LogP, Node[]? Children);

public static class Solution
{
    public static string[] Decode(Node root, int beamWidth, string eos)
    {
        var tokens = new List<string>();
        var node = root;
        while (node.Children is { Length: > 0 } children && (tokens.Count == 0 || node.Token != eos))
        {
            node = children.OrderByDescending(c => c.LogP).ThenBy(c => c.Token, StringComparer.Ordinal).First();
            tokens.Add(node.Token);
        }
        return [.. tokens];
    }
}
