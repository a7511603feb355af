using System.Numerics;
using Backprop.Initializers;
using Backprop.Layers;
using Backprop.Layers.Activations;
using Backprop.Losses;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Models;

/// <summary>An L-layer network A[L] = g[L](… g[1](X·W[1]ᵀ + b[1]) …), run layer by layer: forward propagation
/// caches each layer's Z and A; backward propagation starts from the loss's dZ[L] and walks the layers in reverse.
/// Parameters are named in the course's notation W1, b1, …, WL, bL.</summary>
public sealed class Sequential<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ILayer<T>[] _layers;
    private readonly Dictionary<int, Tensor<T>> _outputGradients = [];

    public Sequential(params ILayer<T>[] layers)
    {
        if (layers.Length == 0) throw new ArgumentException("A model needs at least one layer.");
        for (int l = 1; l < layers.Length; l++)
            if (layers[l].InputSize != layers[l - 1].OutputSize)
                throw new ArgumentException($"Layer {l + 1} expects {layers[l].InputSize} inputs but layer {l} gives {layers[l - 1].OutputSize}.");
        if (layers[^1] is not IOutputLayer<T> output)
            throw new ArgumentException("The last layer must be an output layer with a known activation (e.g. Dense).");
        _layers = layers;
        OutputLayer = output;
        var parameters = new List<Parameter<T>>();
        for (int l = 0; l < layers.Length; l++)
            foreach (var p in layers[l].Parameters)
            {
                p.Name = p.Name.TrimEnd("0123456789".ToCharArray()) + (l + 1);
                parameters.Add(p);
            }
        Parameters = parameters;
    }

    /// <summary>The network the course builds from layer_dims [n0, n1, …, nL]: dense layers with the hidden activation,
    /// and the output activation on the last one.</summary>
    public static Sequential<T> FromLayerDims(int[] layerDims, IActivation hidden, IActivation output)
    {
        if (layerDims.Length < 2) throw new ArgumentException("Layer dims need at least [n_x, n_y].");
        var layers = new ILayer<T>[layerDims.Length - 1];
        for (int l = 1; l < layerDims.Length; l++)
            layers[l - 1] = new Dense<T>(layerDims[l - 1], layerDims[l], l == layerDims.Length - 1 ? output : hidden);
        return new Sequential<T>(layers);
    }

    public IReadOnlyList<ILayer<T>> Layers => _layers;

    /// <summary>W1, b1, W2, b2, … in the course's order.</summary>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>The last layer, whose activation the loss pairs with.</summary>
    public IOutputLayer<T> OutputLayer { get; }

    /// <summary>n[0], the number of input features.</summary>
    public int InputSize => _layers[0].InputSize;

    /// <summary>n[L], the number of outputs.</summary>
    public int OutputSize => _layers[^1].OutputSize;

    /// <summary>[n0, n1, …, nL].</summary>
    public int[] LayerDims => [InputSize, .. _layers.Select(l => l.OutputSize)];

    /// <summary>Total number of trainable values.</summary>
    public int ParameterCount => Parameters.Sum(p => p.Value.Length);

    /// <summary>Draws W[1], …, W[L] in order with <paramref name="initializer"/> and zeroes the biases — the course's
    /// initialize_parameters, so <c>new NumpyRandom(1)</c> reproduces its weights.</summary>
    public void Initialize(IInitializer initializer, NumpyRandom random)
    {
        foreach (var layer in _layers)
            foreach (var p in layer.Parameters)
            {
                if (p.Value.Rank == 2) initializer.Initialize(p.Value, random);
                else p.Value.Fill(T.Zero);
            }
    }

    /// <summary>Forward propagation: A[L] for a batch X [m × n0]. The result belongs to the model and is overwritten by the next call.</summary>
    public Tensor<T> Forward(Tensor<T> x)
    {
        if (x.Rank != 2 || x.Dim(1) != InputSize)
            throw new ArgumentException($"The model expects input [m × {InputSize}]; got {ShapeMath.Format(x.Shape)}.");
        var a = x;
        foreach (var layer in _layers) a = layer.Forward(a);
        return _lastOutput = a;
    }

    /// <summary>J of the latest forward batch against targets Y.</summary>
    public T Cost(ILoss loss, Tensor<T> y)
    {
        if (!y.Shape.SequenceEqual(OutputLayerOutput.Shape))
            throw new ArgumentException($"Targets have shape {ShapeMath.Format(y.Shape)}; the model's output is {ShapeMath.Format(OutputLayerOutput.Shape)}.");
        return loss.Cost(OutputLayer.PreActivation, OutputLayerOutput, y);
    }

    private Tensor<T> OutputLayerOutput => _lastOutput ?? throw new InvalidOperationException("Call Forward before Cost or Backward.");
    private Tensor<T>? _lastOutput;

    /// <summary>Backward propagation from the loss: dZ[L] from the loss, then each layer's backward in reverse.
    /// Fills every parameter's gradient.</summary>
    public void Backward(ILoss loss, Tensor<T> y)
    {
        var a = OutputLayerOutput;
        int m = a.Dim(0);
        if (!_outputGradients.TryGetValue(m, out var dz))
        {
            if (_outputGradients.Count >= 4) _outputGradients.Clear();
            _outputGradients[m] = dz = Tensor<T>.ZerosLike(a);
        }
        loss.Gradient(OutputLayer.PreActivation, a, y, OutputLayer.Activation, dz);
        var grad = OutputLayer.BackwardFromPreActivation(dz, _layers.Length > 1);
        for (int l = _layers.Length - 2; l >= 0; l--)
            grad = _layers[l].Backward(grad!, l > 0);
    }

    /// <summary>A[L] for X as a new tensor (probabilities for sigmoid/softmax outputs, values for linear ones).</summary>
    public Tensor<T> Predict(Tensor<T> x) => Forward(x).Clone();

    public override string ToString() =>
        "Sequential[" + string.Join(", ", _layers.Select(l => l.ToString())) + $"], {ParameterCount} parameters";
}
