using Backprop.Defaults;
using Backprop.Layers;
using Backprop.Models;
using Backprop.Ops.Activations;
using Backprop.Ops.Convolution;

namespace Backprop.Cli.Runs;

/// <summary>The default network for images, (n_H, n_W, n_C) = the stored input shape: Reshape → the augmentation layers
/// (training only; see <see cref="ImageAugmentation"/>) → 3 × [Conv k@3×3 same → BatchNorm(k) → g → MaxPool 2] with
/// k = <see cref="Filters"/> = 16, 32, 64 → GlobalAvgPool → Dropout(p) → Dense 64 (g) → Dropout(p) → Dense n_y, with g the
/// hidden activation (ReLU unless --activation) and p = <see cref="TrainingDefaults.Images.Dropout"/>. Global average
/// pooling keeps the head small (≈ 29 k parameters for any image size) and batch norm plus dropout keep a few hundred
/// photos from overfitting it (cat vs non-cat: 0.80 → 0.88 test accuracy, see <see cref="TrainingDefaults.Images"/>).
/// Dropout seeds are seed + 200, seed + 201, so they never share draws with augmentation (seed, seed + 1, seed + 2).</summary>
public static class ConvNetPlan
{
    /// <summary>Filters of the three convolutions.</summary>
    public static IReadOnlyList<int> Filters { get; } = [16, 32, 64];

    /// <summary>Units of the dense layer before the output.</summary>
    public const int DenseUnits = 64;

    /// <summary>Inputs, the dense head and the outputs: [n_H·n_W·n_C, 64, n_y].</summary>
    public static int[] LayerDims(int[] shape, int outputs) => [shape[0] * shape[1] * shape[2], DenseUnits, outputs];

    public static Sequential<float> Build(int[] shape, int outputs, IActivation hidden, IActivation output, IEnumerable<Module<float>>? augmentation = null, uint seed = 0)
    {
        int channels = shape[2];
        var layers = new List<Module<float>> { new Reshape<float>(shape) };
        layers.AddRange(augmentation ?? []);
        int size = Math.Min(shape[0], shape[1]);
        foreach (int filters in Filters)
        {
            layers.Add(new Conv2D<float>(channels, filters, 3, 1, Padding2D.Same));
            layers.Add(new BatchNorm<float>(filters));
            layers.Add(new ActivationLayer<float>(hidden));
            if (size >= 2)
            {
                layers.Add(new MaxPool2D<float>(2));
                size /= 2;
            }
            channels = filters;
        }
        layers.Add(new GlobalAvgPool2D<float>());
        layers.Add(new Dropout<float>(TrainingDefaults.Images.Dropout, seed + 200));
        layers.Add(new Dense<float>(channels, DenseUnits, hidden));
        layers.Add(new Dropout<float>(TrainingDefaults.Images.Dropout, seed + 201));
        layers.Add(new Dense<float>(DenseUnits, outputs, output));
        return new Sequential<float>([.. layers]);
    }
}
