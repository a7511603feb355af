using System.Numerics;
using Backprop.Layers;
using Backprop.Ops.Activations;
using Backprop.Tensors;

namespace Backprop.Models;

/// <summary>Modules run in order, A[l] = f[l](A[l−1]), A[0] = X: the course's L-layer network
/// A[L] = g[L](… g[1](X·W[1]ᵀ + b[1]) …) when every module is a <see cref="Dense{T}"/>. Layer l's own parameters are
/// named the course's way, W1, b1, …, WL, bL (gamma2, running_mean2 for other layers); a nested module's keep their path
/// after the layer number ("3.block.W").</summary>
public sealed class Sequential<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Module<T>[] _layers;
    private readonly (string Name, Module<T> Module)[] _children;

    public Sequential(params Module<T>[] layers)
    {
        if (layers.Length == 0) throw new ArgumentException("A model needs at least one layer.");
        for (int l = 0; l < layers.Length; l++)
            if (layers[l] is null) throw new ArgumentException($"Layer {l + 1} is null.");
        for (int l = 1; l < layers.Length; l++)
            if (DenseSize(layers[l], input: true) is { } inputs && PreviousWidth(layers, l) is { } given && inputs != given)
                throw new ArgumentException($"Layer {l + 1} expects {inputs} inputs but layer {l} gives {given}.");
        _layers = layers;
        _children = layers.Select((m, l) => ((l + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), m)).ToArray();
    }

    /// <summary>The network the course builds from layer_dims [n0, n1, …, nL]: dense layers with the hidden activation,
    /// and the output activation on the last one.</summary>
    public static Sequential<T> FromLayerDims(int[] layerDims, IActivation hidden, IActivation output)
    {
        if (layerDims.Length < 2) throw new ArgumentException("Layer dims need at least [n_x, n_y].");
        var layers = new Module<T>[layerDims.Length - 1];
        for (int l = 1; l < layerDims.Length; l++)
            layers[l - 1] = new Dense<T>(layerDims[l - 1], layerDims[l], l == layerDims.Length - 1 ? output : hidden);
        return new Sequential<T>(layers);
    }

    /// <summary>The layers, in order (layer l is Layers[l − 1]).</summary>
    public IReadOnlyList<Module<T>> Layers => _layers;

    public override IReadOnlyList<(string Name, Module<T> Module)> Children => _children;

    public override IActivation? OutputActivation => _layers[^1].OutputActivation;

    /// <summary>n[0] when the first layer is dense (or a reshape of n[0] features into images).</summary>
    public int? InputSize => DenseSize(_layers[0], input: true);

    /// <summary>n[L] when the last layer with a known width is dense.</summary>
    public int? OutputSize => PreviousWidth(_layers, _layers.Length);

    /// <summary>[n0, n1, …, nL] for a network of dense layers (and width-keeping layers between them).</summary>
    public int[] LayerDims => [InputSize ?? 0, .. _layers.OfType<Dense<T>>().Select(d => d.OutputSize)];

    public override Tensor<T> Forward(Tensor<T> input)
    {
        var a = input;
        foreach (var layer in _layers) a = layer.Forward(a);
        return a;
    }

    /// <summary>Layer l's own parameter "W" is the course's "Wl"; deeper ones keep their path: "l.path".</summary>
    protected override string JoinName(string child, string path) => path.Contains('.') ? $"{child}.{path}" : path + child;

    /// <summary>The width of the output of the layers before <paramref name="l"/>: the last dense layer's units, when no
    /// layer of unknown effect on the width comes after it.</summary>
    private static int? PreviousWidth(Module<T>[] layers, int l)
    {
        for (int k = l - 1; k >= 0; k--)
        {
            if (layers[k] is Dense<T> dense) return dense.OutputSize;
            if (layers[k] is not (ActivationLayer<T> or Dropout<T> or BatchNorm<T>)) return null;
        }
        return null;
    }

    private static int? DenseSize(Module<T> layer, bool input) => layer switch
    {
        Dense<T> dense => input ? dense.InputSize : dense.OutputSize,
        Reshape<T> reshape when input => reshape.ExampleShape.Aggregate(1, (a, d) => a * d),
        _ => null,
    };

    public override string ToString() =>
        "Sequential[" + string.Join(", ", _layers.Select(l => l.ToString())) + $"], {ParameterCount} parameters";
}
