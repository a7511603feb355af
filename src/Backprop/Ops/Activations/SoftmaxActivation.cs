using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Ops.Activations;

/// <summary>Row-wise Aᵢ = e^(Zᵢ − max Z) / Σⱼ e^(Zⱼ − max Z); dZ = A ∘ (dA − Σⱼ dAⱼ Aⱼ) per row.
/// With softmax cross-entropy the loss supplies dZ = A − Y directly and this backward is skipped.</summary>
public sealed class SoftmaxActivation : IActivation
{
    public string Name => "softmax";

    public void Forward<T>(Tensor<T> z, Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T> =>
        Kernels.Softmax.Rows(z.AsReadOnlySpan(), a.AsSpan(), z.Length / Math.Max(z.Dim(-1), 1), z.Dim(-1));

    public void Backward<T>(Tensor<T> z, Tensor<T> a, Tensor<T> da, Tensor<T> dz) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cols = z.Dim(-1), rows = z.Length / Math.Max(cols, 1);
        var aSpan = a.AsReadOnlySpan();
        var daSpan = da.AsReadOnlySpan();
        var dzSpan = dz.AsSpan();
        for (int r = 0; r < rows; r++)
        {
            T dot = T.Zero;
            for (int j = 0; j < cols; j++) dot += daSpan[r * cols + j] * aSpan[r * cols + j];
            for (int j = 0; j < cols; j++) dzSpan[r * cols + j] = aSpan[r * cols + j] * (daSpan[r * cols + j] - dot);
        }
    }
}
