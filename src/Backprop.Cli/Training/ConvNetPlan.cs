using System.Globalization;
using Backprop.Layers;
using Backprop.Models;
using Backprop.Ops.Activations;
using Backprop.Ops.Convolution;
using Backprop.Randomness;

namespace Backprop.Cli.Training;

/// <summary>The default network for images, (n_H, n_W, n_C) = the stored input shape: Reshape → 3 × [Conv k@3×3 same +
/// ReLU + MaxPool 2] with k = 16, 32, 64 → GlobalAvgPool → Dense 64 (ReLU) → Dense n_y, He-initialised. Global average
/// pooling keeps the head small (≈ 28 k parameters for any image size), so a few hundred photos do not overfit it.</summary>
public static class ConvNetPlan
{
    /// <summary>The metadata key of one example's image shape, "64,64,3".</summary>
    public const string InputShapeKey = "input_shape";

    /// <summary>(n_H, n_W, n_C) of flattened square images: RGB when n = 3·s², else greyscale when n = s²; null otherwise.</summary>
    public static int[]? ImageShape(int features)
    {
        int rgb = (int)Math.Round(Math.Sqrt(features / 3.0));
        if (features % 3 == 0 && rgb * rgb * 3 == features && rgb >= 8) return [rgb, rgb, 3];
        int grey = (int)Math.Round(Math.Sqrt(features));
        return grey * grey == features && grey >= 8 ? [grey, grey, 1] : null;
    }

    /// <summary>The image shape when this run trains a CNN: --model cnn, or no --model and no --layers on image data.</summary>
    public static int[]? Choose(TrainSettings s, PreparedData data)
    {
        var shape = data.Metadata.TryGetValue(InputShapeKey, out var text)
            ? text.Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray() : null;
        if (s.Architecture == "cnn" && shape is null)
            throw CliException.Usage("--model cnn needs square images (an image folder, a course .h5 file or an IDX file); this data is a table.");
        return s.Architecture == "cnn" || (s.Architecture is null && s.Hidden is null) ? shape : null;
    }

    public static Sequential<float> Build(int[] shape, int outputs, IActivation output, uint seed)
    {
        int channels = shape[2];
        var layers = new List<Module<float>> { new Reshape<float>(shape) };
        int size = Math.Min(shape[0], shape[1]);
        foreach (int filters in new[] { 16, 32, 64 })
        {
            layers.Add(new Conv2D<float>(channels, filters, 3, 1, Padding2D.Same, Activation.Relu));
            if (size >= 2)
            {
                layers.Add(new MaxPool2D<float>(2));
                size /= 2;
            }
            channels = filters;
        }
        layers.Add(new GlobalAvgPool2D<float>());
        layers.Add(new Dense<float>(channels, 64, Activation.Relu));
        layers.Add(new Dense<float>(64, outputs, output));
        var model = new Sequential<float>([.. layers]);
        model.Initialize(Backprop.Initializers.Initializer.He, new NumpyRandom(seed));
        return model;
    }
}
