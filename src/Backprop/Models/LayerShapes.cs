using System.Numerics;
using Backprop.Autograd;
using Backprop.Layers;
using Backprop.Tensors;

namespace Backprop.Models;

/// <summary>shape(A[l]) for l = 1 … L: each layer's output shape and parameter count, found by running one all-zero example
/// through the layers (Keras' model.summary()). The batch axis is reported as null, "(None, 64, 64, 8)".</summary>
public static class LayerShapes
{
    /// <summary>(layer, output shape with the batch axis first, parameters) for each layer of a sequential model (or the
    /// model as one layer), given one example's input shape; null when the model cannot run on that shape.</summary>
    public static IReadOnlyList<(Module<T> Layer, int[] OutputShape, long Parameters)>? Trace<T>(Module<T> model, ReadOnlySpan<int> exampleShape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var layers = model is Sequential<T> s ? s.Layers : [model];
        var result = new List<(Module<T>, int[], long)>();
        bool training = model.IsTraining;
        model.Eval();
        try
        {
            using (Graph.NoGrad())
            {
                var a = Tensor<T>.Zeros([1, .. exampleShape]);
                foreach (var layer in layers)
                {
                    a = layer.Forward(a);
                    result.Add((layer, a.Shape.ToArray(), layer.ParameterCount));
                }
            }
            return result;
        }
        catch (ArgumentException)
        {
            return null;
        }
        finally
        {
            model.Train(training);
            Graph.BeginStep();
        }
    }

    /// <summary>The example input shape of a model: the "input_shape" metadata ("64,64,3") when saved, else n[0] of a model
    /// that starts with a dense layer or a reshape; null when unknown.</summary>
    public static int[]? InputShape<T>(LoadedModel<T> loaded) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (loaded.Metadata.TryGetValue("input_shape", out var text))
        {
            var parts = text.Split(',');
            var sizes = parts.Select(p => int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0).ToArray();
            if (sizes.Length is > 0 and <= 8 && sizes.All(n => n is > 0 and <= 1 << 24)) return sizes;
        }
        return loaded.Model is Sequential<T> { InputSize: { } n } ? [n] : loaded.Model is Dense<T> d ? [d.InputSize] : null;
    }

    /// <summary>"(None, 64, 64, 8)".</summary>
    public static string Format(ReadOnlySpan<int> shape) =>
        "(None" + string.Concat(shape[1..].ToArray().Select(d => ", " + d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")";
}
