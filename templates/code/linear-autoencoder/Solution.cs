public static class Solution
{
    // data: n centered samples of dimension d. Return [E (k x d), D (d x k)]: the encoder and the decoder of a
    // linear autoencoder trained on the data.
    public static double[][][] Train(double[][] data, int k)
    {
        throw new NotImplementedException();
    }
}
