// The tests build the tree with this record: keep it as it is. A leaf has no children (null or empty).
public sealed record Node(string Token, double LogP, Node[]? Children);

public static class Solution
{
    // Return the tokens of the best sequence that beam search with width beamWidth completes.
    public static string[] Decode(Node root, int beamWidth, string eos)
    {
        throw new NotImplementedException();
    }
}
