using System.Globalization;
using System.Numerics;
using Backprop.Autograd;
using Backprop.Ops.Images;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>Random brightness and contrast: in training each image gets β_n = b·(2u − 1) and κ_n = 1 + c·(2u′ − 1) (u, u′
/// uniform, drawn per example in that order) and Y[n, i, j, c] = κ_n (X − μ[n, c]) + μ[n, c] + β_n, μ[n, c] the image's
/// channel mean; in evaluation Y = X. β is in the input's units (the CLI's images are scaled to [0, 1]). Backward:
/// dX = κ_n dY + (1 − κ_n) mean_{i,j} dY. Seeded as every <see cref="Augmentation{T}"/>.</summary>
public sealed class ColorJitter<T> : Augmentation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NodePool<T, ColorJitterNode<T>> _nodes = new(() => new ColorJitterNode<T>());
    private double[] _brightness = [], _contrast = [];

    /// <summary>Brightness shifts in [−<paramref name="brightness"/>, <paramref name="brightness"/>] (≥ 0) and contrast
    /// factors in [1 − <paramref name="contrast"/>, 1 + <paramref name="contrast"/>] (<paramref name="contrast"/> in [0, 1)).</summary>
    public ColorJitter(double brightness, double contrast, uint seed = 0) : base(seed)
    {
        Brightness = brightness >= 0 && double.IsFinite(brightness) ? brightness : throw new ArgumentOutOfRangeException(nameof(brightness), brightness, "The brightness range must be a finite number ≥ 0.");
        Contrast = contrast is >= 0 and < 1 ? contrast : throw new ArgumentOutOfRangeException(nameof(contrast), contrast, "The contrast range must be in [0, 1).");
    }

    /// <summary>b: the largest brightness shift.</summary>
    public double Brightness { get; }

    /// <summary>c: the largest relative change of contrast.</summary>
    public double Contrast { get; }

    protected override Tensor<T> Augment(Tensor<T> images, NumpyRandom random)
    {
        int m = images.Dim(0);
        if (_brightness.Length < m) (_brightness, _contrast) = (new double[m], new double[m]);
        for (int n = 0; n < m; n++)
        {
            _brightness[n] = Brightness * (2 * random.NextDouble() - 1);
            _contrast[n] = 1 + Contrast * (2 * random.NextDouble() - 1);
        }
        return _nodes.Next().Forward(images, _brightness.AsSpan(0, m), _contrast.AsSpan(0, m));
    }

    public override string ToString() =>
        $"ColorJitter(brightness {Brightness.ToString(CultureInfo.InvariantCulture)}, contrast {Contrast.ToString(CultureInfo.InvariantCulture)})";
}
