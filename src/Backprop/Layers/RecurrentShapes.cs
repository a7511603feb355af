namespace Backprop.Layers;

/// <summary>The checks every recurrent layer's constructor makes: n_x ≥ 1 and H ≥ 1.</summary>
internal static class RecurrentShapes
{
    public static void Require(int inputSize, int hiddenSize)
    {
        if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "A recurrent layer needs at least one input feature.");
        if (hiddenSize <= 0) throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, "A recurrent layer needs at least one hidden unit.");
    }
}
