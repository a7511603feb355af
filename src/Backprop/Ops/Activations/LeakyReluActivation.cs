using System.Globalization;
using System.Numerics;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops.Activations;

/// <summary>A = Z for Z &gt; 0, αZ otherwise; dZ = dA for Z &gt; 0, α·dA otherwise.</summary>
public sealed class LeakyReluActivation(double slope) : IActivation
{
    /// <summary>α, the slope for Z ≤ 0.</summary>
    public double Slope { get; } = slope;

    public string Name => Slope == 0.01 ? "leaky-relu" : "leaky-relu:" + Slope.ToString("R", CultureInfo.InvariantCulture);

    public void Forward<T>(Tensor<T> z, Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.BinaryScalarRight<T, LeakyReluOperator<T>>(z.AsReadOnlySpan(), T.CreateChecked(Slope), a.AsSpan());

    public void Backward<T>(Tensor<T> z, Tensor<T> a, Tensor<T> da, Tensor<T> dz) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T slope = T.CreateChecked(Slope);
        var zs = z.AsReadOnlySpan();
        var das = da.AsReadOnlySpan();
        var dzs = dz.AsSpan();
        for (int i = 0; i < dzs.Length; i++) dzs[i] = zs[i] > T.Zero ? das[i] : slope * das[i];
    }
}
