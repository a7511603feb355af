namespace Backprop.Layers;

/// <summary>What a parameter does in its layer, which decides how it starts and whether L2 regularisation reaches it:
/// a weight (W, a kernel) is drawn by the initialiser and penalised by L2; a bias (b) and a shift (β) start at 0, a scale
/// (γ) at 1, and none of these three is penalised.</summary>
public enum ParameterRole
{
    Weight,
    Bias,
    Scale,
    Shift,
}
