using System.Numerics;
using Backprop.Autograd;
using Backprop.Initializers;
using Backprop.Ops;
using Backprop.Ops.Activations;
using Backprop.Ops.Convolution;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>Z = conv(A_prev, W) + b, A = g(Z): a convolutional layer on channels-last images (m, n_H, n_W, n_C), the course's
/// conv_forward with W (f_h, f_w, n_C_prev, n_C) and b (n_C). Two fused ops on the graph, <see cref="Conv2DNode{T}"/>
/// (im2col + GEMM, backward = the course's conv_backward) and, unless g is linear, <see cref="ActivationNode{T}"/>.
/// Parameters: f_h·f_w·n_C_prev·n_C + n_C.</summary>
public sealed class Conv2D<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NodePool<T, Conv2DNode<T>> _conv = new(() => new Conv2DNode<T>());
    private readonly NodePool<T, ActivationNode<T>> _activation = new(() => new ActivationNode<T>());

    /// <summary><paramref name="filters"/> filters of <paramref name="kernel"/> on <paramref name="inputChannels"/> channels;
    /// stride and dilation 1 and valid padding unless given. Weights start Xavier-initialised (fan-in f_h·f_w·n_C_prev,
    /// fan-out f_h·f_w·n_C), biases at zero.</summary>
    public Conv2D(int inputChannels, int filters, Size2D kernel, Size2D? stride = null, Padding2D? padding = null,
        IActivation? activation = null, Size2D? dilation = null, bool useBias = true)
    {
        if (inputChannels <= 0) throw new ArgumentOutOfRangeException(nameof(inputChannels), inputChannels, "A convolution needs at least one input channel.");
        if (filters <= 0) throw new ArgumentOutOfRangeException(nameof(filters), filters, "A convolution needs at least one filter.");
        kernel.RequirePositive("kernel");
        Spec = new WindowSpec(kernel, (stride ?? 1).RequirePositive("stride"), (dilation ?? 1).RequirePositive("dilation"), padding ?? Padding2D.Valid);
        int area = kernel.Height * kernel.Width;
        Weight = new Parameter<T>("W", Tensor<T>.Zeros(kernel.Height, kernel.Width, inputChannels, filters), ParameterRole.Weight,
            new FanSizes(area * inputChannels, area * filters));
        Bias = useBias ? new Parameter<T>("b", Tensor<T>.Zeros(filters), ParameterRole.Bias) : null;
        Activation = activation ?? Ops.Activations.Activation.Linear;
        DefaultInitialization.Apply(Weight);
    }

    /// <summary>W, shape (f_h, f_w, n_C_prev, n_C).</summary>
    public Parameter<T> Weight { get; }

    /// <summary>b, shape (n_C), or null without a bias.</summary>
    public Parameter<T>? Bias { get; }

    /// <summary>Kernel, stride, dilation and padding.</summary>
    public WindowSpec Spec { get; }

    /// <summary>g, applied to Z.</summary>
    public IActivation Activation { get; }

    public override IActivation? OutputActivation => Activation;

    /// <summary>n_C_prev.</summary>
    public int InputChannels => Weight.Value.Dim(2);

    /// <summary>n_C.</summary>
    public int Filters => Weight.Value.Dim(3);

    public override Tensor<T> Forward(Tensor<T> input)
    {
        var z = _conv.Next().Forward(input, Weight.Value, Bias?.Value, Spec);
        return Activation is LinearActivation ? z : _activation.Next().Forward(Activation, z);
    }

    public override string ToString() =>
        $"Conv2D({InputChannels} → {Filters}, {Spec.Kernel}, stride {Spec.Stride}, padding {Spec.Padding}, {Activation.Name})";
}
