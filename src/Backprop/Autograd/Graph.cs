using System.Numerics;
using System.Runtime.CompilerServices;
using Backprop.Tensors;

namespace Backprop.Autograd;

/// <summary>The computation graph, recorded eagerly: each differentiable op computes its result at once and calls
/// <see cref="Record{T}(Tensor{T}, Tensor{T}, Func{Tensor{T}, Tensor{T}})"/> with its backward rule beside it.
/// <c>loss.Backward()</c> then applies the chain rule, ∂J/∂x = Σ over uses of x of (∂J/∂y)·(∂y/∂x), walking the
/// recorded ops in reverse topological order. Nodes hang off their output tensors through a weak table, so a
/// graph nobody references is collected with its tensors (no tape to clear).</summary>
public static class Graph
{
    [ThreadStatic] private static int t_noGradDepth;

    /// <summary>False inside a <see cref="NoGrad"/> scope: ops then record nothing.</summary>
    public static bool IsRecording => t_noGradDepth == 0;

    /// <summary>A scope in which nothing is recorded (prediction, evaluation, parameter updates).
    /// <c>using (Graph.NoGrad()) { … }</c>. Scopes nest; each applies to the current thread.</summary>
    public static NoGradScope NoGrad()
    {
        t_noGradDepth++;
        return new NoGradScope();
    }

    /// <summary>Ends a <see cref="NoGrad"/> scope.</summary>
    public readonly struct NoGradScope : IDisposable
    {
        public void Dispose() => t_noGradDepth--;
    }

    /// <summary>Records y = f(x) with its backward rule dx = backward(dy). Returns y.
    /// Records nothing when no input requires a gradient or inside <see cref="NoGrad"/>.</summary>
    public static Tensor<T> Record<T>(Tensor<T> y, Tensor<T> x, Func<Tensor<T>, Tensor<T>> backward)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Record(y, [x], dy => [backward(dy)]);

    /// <summary>Records y = f(a, b) with its backward rule (da, db) = backward(dy). A null gradient means "not needed".
    /// Gradients may have the broadcast shape of y: the engine sums them back to each input's shape.</summary>
    public static Tensor<T> Record<T>(Tensor<T> y, Tensor<T> a, Tensor<T> b, Func<Tensor<T>, (Tensor<T>?, Tensor<T>?)> backward)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Record(y, [a, b], dy => { var (da, db) = backward(dy); return [da, db]; });

    /// <summary>Records y = f(inputs…) with backward(dy) returning one gradient (or null) per input.</summary>
    public static Tensor<T> Record<T>(Tensor<T> y, Tensor<T>[] inputs, Func<Tensor<T>, Tensor<T>?[]> backward)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!IsRecording || !inputs.Any(i => i.RequiresGrad)) return y;
        y.RequiresGrad = true;
        Nodes<T>.Table.AddOrUpdate(y, new Node<T>(inputs, backward));
        return y;
    }

    /// <summary>Whether <paramref name="tensor"/> was produced by a recorded op (an interior node, not a leaf).</summary>
    public static bool HasNode<T>(Tensor<T> tensor) where T : unmanaged, IFloatingPointIeee754<T> =>
        Nodes<T>.Table.TryGetValue(tensor, out _);

    /// <summary>Back-propagates from a one-element <paramref name="output"/> (a cost): seeds ∂J/∂J = 1.</summary>
    public static void Backward<T>(this Tensor<T> output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (output.Length != 1)
            throw new InvalidOperationException($"Backward() without a seed needs a one-element output (a cost); shape {ShapeMath.Format(output.Shape)} has {output.Length}. Pass a seed gradient.");
        output.Backward(Tensor<T>.Ones(output.ShapeArray));
    }

    /// <summary>Back-propagates a seed gradient ∂J/∂output. Leaves (tensors with <see cref="Tensor{T}.RequiresGrad"/> and no
    /// recording op) accumulate into <see cref="Tensor{T}.Grad"/>; interior tensors get this pass's gradient in Grad for
    /// inspection (overwritten, not accumulated, so a second backward pass never double-counts).</summary>
    public static void Backward<T>(this Tensor<T> output, Tensor<T> seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ShapeMath.RequireSame(seed.Shape, output.Shape, "Backward seed");
        var order = TopologicalOrder(output);
        var grads = new Dictionary<Tensor<T>, Tensor<T>>(ReferenceEqualityComparer.Instance) { [output] = seed };
        for (int i = order.Count - 1; i >= 0; i--)
        {
            var (y, node) = order[i];
            if (!grads.TryGetValue(y, out var dy)) continue;
            y.Grad = dy;
            var dx = node.Backward(dy);
            for (int j = 0; j < node.Inputs.Length; j++)
            {
                var x = node.Inputs[j];
                if (!x.RequiresGrad || dx[j] is not { } g) continue;
                g = g.SumToShape(x.Shape);
                grads[x] = grads.TryGetValue(x, out var sofar) ? sofar + g : g;
            }
        }
        foreach (var (x, g) in grads)
            if (!HasNode(x)) x.Grad = x.Grad is null ? g : x.Grad + g;
    }

    private static List<(Tensor<T>, Node<T>)> TopologicalOrder<T>(Tensor<T> output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var order = new List<(Tensor<T>, Node<T>)>();
        var seen = new HashSet<Tensor<T>>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor<T> Tensor, bool Expanded)>();
        stack.Push((output, false));
        while (stack.Count > 0)
        {
            var (t, expanded) = stack.Pop();
            if (!Nodes<T>.Table.TryGetValue(t, out var node)) continue;
            if (expanded) { order.Add((t, node)); continue; }
            if (!seen.Add(t)) continue;
            stack.Push((t, true));
            foreach (var input in node.Inputs)
                if (!seen.Contains(input)) stack.Push((input, false));
        }
        return order;
    }

    private sealed record Node<T>(Tensor<T>[] Inputs, Func<Tensor<T>, Tensor<T>?[]> Backward)
        where T : unmanaged, IFloatingPointIeee754<T>;

    private static class Nodes<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly ConditionalWeakTable<Tensor<T>, Node<T>> Table = new();
    }
}
