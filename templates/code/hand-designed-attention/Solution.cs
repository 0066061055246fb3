public static class Solution
{
    // Return [W_Q, W_K, W_V], each (vocab + length) x (vocab + length), for task "content" or "position".
    // A token is the row [one-hot(token, vocab), one-hot(position, length)]; the head computes softmax(Q K^T) V.
    public static double[][][] Design(string task, int vocab, int length)
    {
        throw new NotImplementedException();
    }
}
