public sealed record Node(string Token, double LogP, Node[]? Children);

public static class Solution
{
    private sealed record Hypothesis(List<string> Tokens, double LogP, Node Node)
    {
        public double Score => Math.Round(LogP, 10);

        public bool IsComplete(string eos) => Tokens.Count > 0 && (Node.Children is null || Node.Children.Length == 0 || Node.Token == eos);
    }

    private static int Better(Hypothesis x, Hypothesis y)
    {
        var byScore = y.Score.CompareTo(x.Score);
        if (byScore != 0) return byScore;
        for (var i = 0; i < Math.Min(x.Tokens.Count, y.Tokens.Count); i++)
        {
            var byToken = string.CompareOrdinal(x.Tokens[i], y.Tokens[i]);
            if (byToken != 0) return byToken;
        }
        return x.Tokens.Count.CompareTo(y.Tokens.Count);
    }

    public static string[] Decode(Node root, int beamWidth, string eos)
    {
        var width = beamWidth;
        var active = new List<Hypothesis> { new([], 0, root) };
        var completed = new List<Hypothesis>();
        while (width > 0 && active.Count > 0)
        {
            var candidates = new List<Hypothesis>();
            foreach (var h in active)
                foreach (var child in h.Node.Children ?? [])
                    candidates.Add(new Hypothesis([.. h.Tokens, child.Token], h.LogP + child.LogP, child));
            candidates.Sort(Better);
            var kept = candidates.Take(width).ToList();
            var done = kept.Where(h => h.IsComplete(eos)).ToList();
            completed.AddRange(done);
            width -= done.Count;
            active = kept.Where(h => !h.IsComplete(eos)).ToList();
        }
        completed.Sort(Better);
        return [.. completed[0].Tokens];
    }
}
