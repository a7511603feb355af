using System.Numerics;
using Backprop.Autograd;
using Backprop.Initializers;
using Backprop.Ops;
using Backprop.Ops.Activations;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>A fully connected layer in the course's notation, batch-first: Z = A_prev·Wᵀ + b, A = g(Z) (the course's
/// Z[l] = W[l]·A[l−1] + b[l] with examples as rows), over the last axis of inputs of any rank. W[l] has the course's
/// shape (n[l], n[l−1]) and b[l] has n[l] entries. Two fused ops on the graph: <see cref="LinearNode{T}"/> (whose backward
/// is the course's linear_backward) and <see cref="ActivationNode{T}"/> (dZ = dA ∘ g′(Z)).</summary>
public sealed class Dense<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NodePool<T, LinearNode<T>> _linear = new(() => new LinearNode<T>());
    private readonly NodePool<T, ActivationNode<T>> _activation = new(() => new ActivationNode<T>());

    /// <summary>A layer of <paramref name="outputSize"/> units on <paramref name="inputSize"/> inputs. Weights start
    /// Xavier-initialised (call <see cref="Module{T}.Initialize"/> for the course's schemes and seeds), biases at zero.</summary>
    public Dense(int inputSize, int outputSize, IActivation? activation = null)
    {
        if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "A dense layer needs at least one input.");
        if (outputSize <= 0) throw new ArgumentOutOfRangeException(nameof(outputSize), outputSize, "A dense layer needs at least one unit.");
        Weight = new Parameter<T>("W", Tensor<T>.Zeros(outputSize, inputSize), ParameterRole.Weight, new FanSizes(inputSize, outputSize));
        Bias = new Parameter<T>("b", Tensor<T>.Zeros(outputSize), ParameterRole.Bias);
        Activation = activation ?? Ops.Activations.Activation.Linear;
        DefaultInitialization.Apply(Weight);
    }

    /// <summary>W[l], shape (n[l], n[l−1]).</summary>
    public Parameter<T> Weight { get; }

    /// <summary>b[l], shape (n[l]).</summary>
    public Parameter<T> Bias { get; }

    /// <summary>g, the activation applied to Z.</summary>
    public IActivation Activation { get; }

    public override IActivation? OutputActivation => Activation;

    /// <summary>n[l−1].</summary>
    public int InputSize => Weight.Value.Dim(1);

    /// <summary>n[l].</summary>
    public int OutputSize => Weight.Value.Dim(0);

    public override Tensor<T> Forward(Tensor<T> input)
    {
        var z = _linear.Next().Forward(input, Weight.Value, Bias.Value);
        return Activation is LinearActivation ? z : _activation.Next().Forward(Activation, z);
    }

    public override string ToString() => $"Dense({InputSize} → {OutputSize}, {Activation.Name})";
}
