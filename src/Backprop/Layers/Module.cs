using System.Numerics;
using Backprop.Initializers;
using Backprop.Ops.Activations;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Layers;

/// <summary>A piece of a network, y = f(x; θ): named parameters θ, child modules, a training/evaluation mode, and a
/// <see cref="Forward"/> over N-D tensors made of differentiable ops, so that the graph gives every gradient.
/// A custom module declares its parameters and layers as fields (found in declaration order) and writes only Forward.
/// <para>Built-in modules reuse their output buffers: an output stays valid until the same module runs again after the
/// step that made it is over (after <c>Backward</c> or <see cref="Autograd.Graph.BeginStep"/>). Clone to keep one longer.</para></summary>
public abstract class Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private List<Parameter<T>>? _ownParameters;
    private List<(string Name, Module<T> Module)>? _children;
    private IReadOnlyList<Parameter<T>>? _parameters;

    /// <summary>y = f(x).</summary>
    public abstract Tensor<T> Forward(Tensor<T> input);

    /// <summary>True while training (dropout drops, batch norm uses batch statistics); false in evaluation.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Puts this module and all below it in training (true) or evaluation (false) mode.</summary>
    public void Train(bool training = true)
    {
        IsTraining = training;
        foreach (var (_, child) in Children) child.Train(training);
    }

    /// <summary>Evaluation mode: <c>Train(false)</c>.</summary>
    public void Eval() => Train(false);

    /// <summary>The activation of this module's output, when it ends in one (sigmoid or softmax outputs are probabilities,
    /// which decides the natural loss and how predictions read); null when unknown.</summary>
    public virtual IActivation? OutputActivation => null;

    /// <summary>This module's own parameters (not its children's).</summary>
    public IReadOnlyList<Parameter<T>> OwnParameters => _ownParameters ?? Discover().Parameters;

    /// <summary>The direct children with their names, in order.</summary>
    public virtual IReadOnlyList<(string Name, Module<T> Module)> Children => _children ?? Discover().Children;

    /// <summary>State that is saved with the model but not trained (running statistics), with names.</summary>
    public virtual IEnumerable<(string Name, Tensor<T> Buffer)> OwnBuffers => [];

    /// <summary>Every parameter below this module, depth first (own parameters, then each child's), named by path.</summary>
    public IReadOnlyList<Parameter<T>> Parameters
    {
        get
        {
            if (_parameters is not null) return _parameters;
            var all = new List<Parameter<T>>();
            foreach (var (name, p) in NamedParameters())
            {
                p.Name = name;
                all.Add(p);
            }
            return _parameters = all;
        }
    }

    /// <summary>(path, parameter) for every parameter below this module.</summary>
    public IEnumerable<(string Name, Parameter<T> Parameter)> NamedParameters()
    {
        foreach (var p in OwnParameters) yield return (p.LocalName, p);
        foreach (var (name, child) in Children)
            foreach (var (path, p) in child.NamedParameters()) yield return (JoinName(name, path), p);
    }

    /// <summary>(path, buffer) for every buffer below this module.</summary>
    public IEnumerable<(string Name, Tensor<T> Buffer)> NamedBuffers()
    {
        foreach (var b in OwnBuffers) yield return b;
        foreach (var (name, child) in Children)
            foreach (var (path, b) in child.NamedBuffers()) yield return (JoinName(name, path), b);
    }

    /// <summary>Every module below this one (not itself), depth first.</summary>
    public IEnumerable<Module<T>> Descendants()
    {
        foreach (var (_, child) in Children)
        {
            yield return child;
            foreach (var d in child.Descendants()) yield return d;
        }
    }

    /// <summary>The path of a child's parameter: "child.path". A sequential network names them the course's way.</summary>
    protected virtual string JoinName(string child, string path) => $"{child}.{path}";

    /// <summary>Total number of trainable values.</summary>
    public long ParameterCount => Parameters.Sum(p => (long)p.Value.Length);

    /// <summary>Forgets every parameter's gradient before a new step.</summary>
    public void ZeroGrad()
    {
        var parameters = Parameters;
        for (int i = 0; i < parameters.Count; i++) parameters[i].ZeroGrad(); // no enumerator: a step allocates nothing
    }

    /// <summary>Sets every parameter by its role, in <see cref="Parameters"/> order: weights drawn by
    /// <paramref name="initializer"/> from <paramref name="random"/>, biases and shifts 0, scales 1 — the course's
    /// initialize_parameters, so <c>new NumpyRandom(1)</c> reproduces its weights.</summary>
    public void Initialize(IInitializer initializer, NumpyRandom random)
    {
        foreach (var p in Parameters)
        {
            switch (p.Role)
            {
                case ParameterRole.Weight: initializer.Initialize(p.Value, p.Fans, random); break;
                case ParameterRole.Scale: p.Value.Fill(T.One); break;
                default: p.Value.Fill(T.Zero); break;
            }
        }
    }

    private (List<Parameter<T>> Parameters, List<(string, Module<T>)> Children) Discover()
    {
        var (parameters, children) = ModuleMembers.Find(this);
        _ownParameters = parameters;
        _children = children;
        return (parameters, children);
    }

    public override string ToString() => GetType().Name.Split('`')[0];
}
