namespace Backprop.Ops.Convolution;

/// <summary>How a window op pads: none (valid), TensorFlow's same (n_out = ⌈n / s⌉), or explicit rows and columns.</summary>
public enum PaddingMode
{
    Valid,
    Same,
    Explicit,
}
