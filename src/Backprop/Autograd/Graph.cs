using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Autograd;

/// <summary>The computation graph, recorded eagerly: each differentiable op computes its result at once and records a
/// <see cref="GradNode{T}"/> (its backward rule, written beside its forward) on the output tensor.
/// <c>loss.Backward()</c> then applies the chain rule, ∂J/∂x = Σ over uses of x of (∂J/∂y)·(∂y/∂x), visiting the recorded
/// ops in reverse topological order. Back-propagation allocates nothing once the gradient buffers exist: the visit order
/// lives in reused per-thread lists, visited marks and "written in this pass" marks are stamps on nodes and tensors.</summary>
public static class Graph
{
    [ThreadStatic] private static int t_noGradDepth;
    [ThreadStatic] private static int t_pass;
    private static int s_lastPass;
    private static int s_epoch = 1;

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

    /// <summary>The current step. Built-in ops reuse their buffers (see <see cref="NodePool{T, TNode}"/>) once the step that
    /// produced them is over: a backward pass ends a step, and so does <see cref="BeginStep"/>.</summary>
    public static int Epoch => Volatile.Read(ref s_epoch);

    /// <summary>Starts a new step (a training step, a prediction batch): outputs of built-in modules from earlier steps may
    /// now be overwritten, so a steady-state loop allocates nothing. Clone a module's output to keep it longer.</summary>
    public static void BeginStep() => Interlocked.Increment(ref s_epoch);

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
        if (!IsRecording || !AnyRequiresGrad(inputs)) return Detach(y);
        return Record(y, new ClosureNode<T>(inputs, backward));
    }

    /// <summary>Records that <paramref name="node"/> produced <paramref name="y"/> (whose inputs are the node's
    /// <see cref="GradNode{T}.Inputs"/>). Inside <see cref="NoGrad"/>, or when no input requires a gradient, y is marked as
    /// a constant instead, which also clears what an earlier use of a reused buffer recorded.</summary>
    public static Tensor<T> Record<T>(Tensor<T> y, GradNode<T> node) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The producer is kept even when nothing is recorded, so that a loss can still find the logits behind a sigmoid
        // or softmax output in evaluation; back-propagation follows only tensors that require a gradient.
        y.Producer = node;
        node.Output = y;
        y.RequiresGrad = IsRecording && AnyRequiresGrad(node.Inputs);
        node.Pending = y.RequiresGrad;
        return y;
    }

    private static Tensor<T> Detach<T>(Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        y.Producer = null;
        y.RequiresGrad = false;
        return y;
    }

    private static bool AnyRequiresGrad<T>(Tensor<T>?[] inputs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var input in inputs)
            if (input is { RequiresGrad: true }) return true;
        return false;
    }

    /// <summary>Whether <paramref name="tensor"/> was produced by a recorded op (an interior node, not a leaf).</summary>
    public static bool HasNode<T>(Tensor<T> tensor) where T : unmanaged, IFloatingPointIeee754<T> =>
        tensor is { RequiresGrad: true, Producer: GradNode<T> };

    /// <summary>The fused op that produced <paramref name="tensor"/> (recorded or not), or null for a leaf, a constant made
    /// outside any op, or the result of a composed op run without recording.</summary>
    public static GradNode<T>? ProducerOf<T>(Tensor<T> tensor) where T : unmanaged, IFloatingPointIeee754<T> => tensor.Producer as GradNode<T>;

    /// <summary>Forgets a leaf's gradient (a parameter before a new step). Costs nothing: the next pass overwrites the
    /// buffer instead of adding to it.</summary>
    public static void ZeroGrad<T>(Tensor<T> leaf) where T : unmanaged, IFloatingPointIeee754<T> => leaf.GradPass = 0;

    /// <summary>Back-propagates from a one-element <paramref name="output"/> (a cost): seeds ∂J/∂J = 1.</summary>
    public static void Backward<T>(this Tensor<T> output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (output.Length != 1)
            throw new InvalidOperationException($"Backward() without a seed needs a one-element output (a cost); shape {ShapeMath.Format(output.Shape)} has {output.Length}. Pass a seed gradient.");
        Propagate(output, seed: null);
    }

    /// <summary>Back-propagates a seed gradient ∂J/∂output. Leaves (tensors with <see cref="Tensor{T}.RequiresGrad"/> and no
    /// recording op) accumulate into <see cref="Tensor{T}.Grad"/> until zeroed; interior tensors get this pass's gradient in
    /// Grad for inspection (overwritten, not accumulated, so a second backward pass never double-counts).</summary>
    public static void Backward<T>(this Tensor<T> output, Tensor<T> seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ShapeMath.RequireSame(seed.Shape, output.Shape, "Backward seed");
        Propagate(output, seed);
    }

    private static void Propagate<T>(Tensor<T> output, Tensor<T>? seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int pass = Interlocked.Increment(ref s_lastPass);
        if (pass <= 0) pass = s_lastPass = 1; // 0 means "no gradient" and −1 "set by the user"
        t_pass = pass;
        var target = GradientTarget(output, out bool accumulate);
        if (target is not null)
        {
            if (seed is null) Fill(target, accumulate, T.One);
            else AddInto(target, accumulate, seed);
        }
        var order = VisitOrder<T>.Collect(output, pass);
        // Backward rules record nothing (no gradient of a gradient): their arithmetic on inputs that require a gradient,
        // dy * b, computes plainly instead of growing the graph.
        using (NoGrad())
        {
            for (int i = order.Count - 1; i >= 0; i--)
            {
                var node = order[i];
                node.Pending = false;
                var y = node.Output!;
                if (y.GradPass == pass) node.Backward(y.GradBuffer!);
            }
        }
        order.Clear();
        BeginStep();
    }

    /// <summary>For an op's backward: the buffer that holds ∂J/∂x, and whether this op must add to it
    /// (<paramref name="accumulate"/>: another use of x already wrote this pass, or x is a leaf with a gradient kept from
    /// earlier passes) or overwrite it. Null when x needs no gradient. The buffer has x's shape and is reused across passes.</summary>
    public static Tensor<T>? GradientTarget<T>(Tensor<T> x, out bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        accumulate = false;
        if (!x.RequiresGrad) return null;
        var buffer = x.GradBuffer;
        if (buffer is null || !buffer.Shape.SequenceEqual(x.Shape))
        {
            buffer = x.GradBuffer = Tensor<T>.Zeros(x.ShapeArray);
            x.GradPass = 0;
        }
        bool leaf = x.Producer is not GradNode<T>;
        accumulate = leaf ? x.GradPass != 0 : x.GradPass == t_pass;
        x.GradPass = t_pass;
        return buffer;
    }

    /// <summary>∂J/∂x += g (or = g for the first contribution), with g summed back to x's shape when an op broadcast x.</summary>
    public static void Accumulate<T>(Tensor<T> x, Tensor<T> g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var target = GradientTarget(x, out bool accumulate);
        if (target is null) return;
        if (!g.Shape.SequenceEqual(x.Shape)) g = g.SumToShape(x.Shape);
        AddInto(target, accumulate, g);
    }

    /// <summary>target = source, or target += source when <paramref name="accumulate"/>.</summary>
    public static void AddInto<T>(Tensor<T> target, bool accumulate, Tensor<T> source) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (accumulate) target.AddInPlace(source);
        else source.AsReadOnlySpan().CopyTo(target.AsSpan());
    }

    private static void Fill<T>(Tensor<T> target, bool accumulate, T value) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = target.AsSpan();
        for (int i = 0; i < s.Length; i++) s[i] = accumulate ? s[i] + value : value;
    }

    /// <summary>The ops behind one output in topological order (inputs before users), by an iterative depth-first walk.
    /// The list and stack are per thread and reused; a node's <see cref="GradNode{T}.Visit"/> stamp marks it seen.</summary>
    private static class VisitOrder<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [ThreadStatic] private static List<GradNode<T>>? t_order;
        [ThreadStatic] private static Stack<(GradNode<T> Node, bool Expanded)>? t_stack;

        public static List<GradNode<T>> Collect(Tensor<T> output, int pass)
        {
            var order = t_order ??= new List<GradNode<T>>(64);
            var stack = t_stack ??= new Stack<(GradNode<T>, bool)>(64);
            order.Clear();
            if (output is { RequiresGrad: true, Producer: GradNode<T> root }) stack.Push((root, false));
            while (stack.Count > 0)
            {
                var (node, expanded) = stack.Pop();
                if (expanded) { order.Add(node); continue; }
                if (node.Visit == pass) continue;
                node.Visit = pass;
                stack.Push((node, true));
                foreach (var input in node.Inputs)
                    if (input is { RequiresGrad: true, Producer: GradNode<T> p } && p.Visit != pass) stack.Push((p, false));
            }
            return order;
        }
    }
}
