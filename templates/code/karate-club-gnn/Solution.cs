public static class Solution
{
    // Train a graph neural network on the labelled members only and return the predicted club (0 or 1) of every node.
    // edges: undirected pairs [i, j] of nodes 0..nodes-1.
    public static int[] Classify(int[][] edges, int nodes, int[] trainNodes, int[] trainLabels)
    {
        throw new NotImplementedException();
    }
}
