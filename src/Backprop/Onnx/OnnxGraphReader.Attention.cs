using Backprop.Layers;
using Backprop.Onnx.Proto;
using Backprop.Ops.Activations;

namespace Backprop.Onnx;

/// <summary>The transformer layers as <see cref="OnnxAttentionWriter"/> writes them, read back:
/// LayerNormalization(axis −1) → LayerNorm; the composed GELU (Mul 1/√2, Erf, Add 1, Mul x, Mul ½) and its tanh form →
/// the activation; Add of a constant (T, d) table, or of one Sliced to the input's T → PositionalEmbedding (or
/// SinusoidalPositionalEncoding when the table is that one); a tensor read by three MatMuls (Q, K, V: + Add, Reshape
/// (·, ·, h, d), Transpose; scores MatMul, Mul 1/√d_k, [Add of the causal mask], Softmax, MatMul, Transpose, Reshape,
/// the output MatMul + Add) → MultiHeadAttention; a tensor read by a LayerNormalization and an Add (x + Attn(LN₁(x)),
/// then h + MLP(LN₂(h))) → TransformerBlock. A table exported at a fixed T comes back with T rows.</summary>
internal sealed partial class OnnxGraphReader<T>
{
    /// <summary>At a tensor that several nodes read: a block, an attention layer or a GELU; null for any other branch.</summary>
    private string? Branch(string tensor)
    {
        var consumers = _consumers.GetValueOrDefault(tensor) ?? [];
        if (consumers.Count < 2) return null;
        if (consumers is [_, _] && consumers.SingleOrDefault(n => n.OpType == "LayerNormalization") is { } norm
            && consumers.SingleOrDefault(n => n.OpType == "Add") is { } residual)
            return Block(tensor, norm, residual);
        if (consumers.Count == 3 && consumers.All(n => n.OpType == "MatMul" && n.Input[0] == tensor)) return Attention(tensor, consumers);
        if (consumers.All(n => n.OpType is "Mul" or "Add")) return GeluChain(tensor, consumers);
        return null;
    }

    private string LayerNormalization(NodeProto node)
    {
        if (node.Input.Count != 3 || (Attribute(node, "axis")?.I ?? -1) is var axis && axis != -1 && axis != Rank - 1)
            throw _constants.Error(node, "Backprop imports LayerNormalization over the last axis with a scale and a bias");
        var norm = new LayerNorm<T>(Width, Shortest(Attribute(node, "epsilon")?.F ?? 1e-5f));
        CopyConstant(node, node.Input[1], "scale", norm.Scale.Value.AsSpan());
        CopyConstant(node, node.Input[2], "bias", norm.Shift.Value.AsSpan());
        _layers.Add(norm);
        return node.Output[0];
    }

    /// <summary>x + P[:T]: P a constant (T, d), or Slice(P (T_max, d), 0, T) of a variable-length export.</summary>
    private string Positions(NodeProto add)
    {
        var table = add.Input.FirstOrDefault(_constants.Contains) ?? _slices.GetValueOrDefault(add.Input[0]) ?? _slices.GetValueOrDefault(add.Input[1])
            ?? throw _constants.Error(add, "Backprop imports Add here only as a positional table added to a sequence");
        var (values, shape) = _constants.Read(table, add, "positional table");
        if (Rank != 3 || shape.Length != 2 || shape[1] != Width || shape[0] < _shape[0])
            throw _constants.Error(add, $"its table has shape ({string.Join(", ", shape)}) but its input has shape (batch, {string.Join(", ", _shape)})");
        var sinusoid = new SinusoidalPositionalEncoding<T>((int)shape[0], Width).Table.AsReadOnlySpan();
        bool fixedTable = true;
        for (int i = 0; i < values.Length && fixedTable; i++) fixedTable = Math.Abs(values[i] - float.CreateChecked(sinusoid[i])) <= 1e-6f;
        if (fixedTable) _layers.Add(new SinusoidalPositionalEncoding<T>((int)shape[0], Width));
        else
        {
            var learned = new PositionalEmbedding<T>((int)shape[0], Width);
            Copy(values, learned.Weight.Value.AsSpan());
            _layers.Add(learned);
        }
        return add.Output[0];
    }

    /// <summary>Q, K and V from the three MatMuls reading <paramref name="x"/>, then the scores, the softmax and the output
    /// projection, as one MultiHeadAttention.</summary>
    private string Attention(string x, List<NodeProto> projections)
    {
        var input = _shape;
        var heads = projections.Select(m => ReadHead(m, input)).ToList();
        var key = heads.SingleOrDefault(h => h.Perm.SequenceEqual([0L, 2, 3, 1]))
            ?? throw _constants.Error(projections[0], "Backprop imports attention whose keys are transposed to (batch, heads, d_k, T)");
        var scores = Next(key.Tensor, "MatMul", projections[0]);
        var query = heads.Single(h => h != key && h.Tensor == scores.Input[0]);
        var value = heads.Single(h => h != key && h != query);
        var scaled = Next(scores.Output[0], "Mul", scores);
        CheckScalar(scaled, scores.Output[0], 1 / Math.Sqrt(key.Width), "1/√d_k");
        var after = Next(scaled.Output[0], "Add", "Softmax", scaled);
        bool causal = after.OpType == "Add";
        if (causal) CheckCausalMask(after, scaled.Output[0]);
        var softmax = causal ? Next(after.Output[0], "Softmax", after) : after;
        if ((Attribute(softmax, "axis")?.I ?? -1) is not (-1 or 3)) throw _constants.Error(softmax, "attention weights are a softmax over the keys (the last axis)");
        var context = Next(softmax.Output[0], "MatMul", softmax);
        if (context.Input[1] != value.Tensor || query.Heads != key.Heads || value.Heads != key.Heads || query.Width != key.Width
            || !query.Perm.SequenceEqual([0L, 2, 1, 3]) || !value.Perm.SequenceEqual([0L, 2, 1, 3]))
            throw _constants.Error(context, "the attention's queries, keys and values disagree in heads, widths or layout");
        var back = Next(context.Output[0], "Transpose", context);
        if (!(Attribute(back, "perm")?.Ints.SequenceEqual([0L, 2, 1, 3]) ?? false))
            throw _constants.Error(back, "Backprop imports the heads merged back by Transpose(0, 2, 1, 3)");
        var merged = Next(back.Output[0], "Reshape", back);
        var (output, end) = Projection(Next(merged.Output[0], "MatMul", merged), [input[0], key.Heads * value.Width]);
        var attention = new MultiHeadAttention<T>(input[^1], key.Heads, key.Width, value.Width, causal: causal);
        CopyParameters(query.Dense, attention.Query);
        CopyParameters(key.Dense, attention.Key);
        CopyParameters(value.Dense, attention.Value);
        CopyParameters(output, attention.Output);
        _layers.Add(attention);
        _shape = [input[0], output.OutputSize];
        return end;
    }

    /// <summary>LN₁ → attention → Add(x, ·) → LN₂ → Dense (GELU) → Dense → Add(h, ·), read as the layers they are and
    /// checked to be a block's.</summary>
    private string Block(string x, NodeProto norm, NodeProto residual)
    {
        string attended = residual.Input[0] == x ? residual.Input[1] : residual.Input[0];
        var first = ReadFrom(norm, attended);
        string h = residual.Output[0];
        var consumers = _consumers.GetValueOrDefault(h) ?? [];
        if (first is not [LayerNorm<T> norm1, MultiHeadAttention<T> attention] || consumers.Count != 2
            || consumers.SingleOrDefault(n => n.OpType == "Add") is not { } second || consumers.SingleOrDefault(n => n.OpType == "LayerNormalization") is not { } mlpNorm)
            throw _constants.Error(residual, "Backprop imports a residual Add only as part of a pre-norm transformer block");
        var mlp = ReadFrom(mlpNorm, second.Input[0] == h ? second.Input[1] : second.Input[0]);
        if (mlp is not [LayerNorm<T> norm2, Dense<T> { Activation: GeluActivation } expand, Dense<T> { Activation: LinearActivation } contract]
            || norm2.Epsilon != norm1.Epsilon || attention.KeyWidth * attention.Heads != attention.Width || attention.ValueWidth != attention.KeyWidth)
            throw _constants.Error(second, "the block's layers are not a TransformerBlock's (LayerNorm, attention of width/heads keys and values, LayerNorm, Dense GELU, Dense)");
        var block = new TransformerBlock<T>(attention.Width, attention.Heads, expand.OutputSize, causal: attention.Causal, epsilon: norm1.Epsilon);
        CopyParameters(norm1, block.AttentionNorm);
        CopyParameters(attention, block.Attention);
        CopyParameters(norm2, block.MlpNorm);
        CopyParameters(expand, block.Expand);
        CopyParameters(contract, block.Contract);
        _layers.Add(block);
        return second.Output[0];
    }

    /// <summary>½z(1 + erf(z/√2)) or ½z(1 + tanh(√(2/π)(z + 0.044715z³))) from the tensor z, as that activation.</summary>
    private string GeluChain(string z, List<NodeProto> consumers)
    {
        var start = consumers[0];
        NodeProto onePlus;
        IActivation activation;
        if (consumers.FirstOrDefault(n => n.OpType == "Mul" && n.Input[0] == z && n.Input[1] == z) is { } square)
        {
            var cubic = Next(Next(square.Output[0], "Mul", square).Output[0], "Mul", square);
            CheckScalar(cubic, cubic.Input[0], Kernels.Gelu.Cubic, "0.044715");
            var inner = Next(cubic.Output[0], "Add", cubic);
            var u = Next(inner.Output[0], "Mul", inner);
            CheckScalar(u, inner.Output[0], Kernels.Gelu.Sqrt2OverPi, "√(2/π)");
            onePlus = Next(Next(u.Output[0], "Tanh", u).Output[0], "Add", u);
            activation = Activation.GeluTanh;
        }
        else
        {
            var scaled = consumers.FirstOrDefault(n => n.OpType == "Mul" && _consumers.GetValueOrDefault(n.Output[0]) is [{ OpType: "Erf" }])
                ?? throw _constants.Error(start, "the graph branches here; Backprop imports a chain of layers (and GELU, attention and transformer blocks)");
            CheckScalar(scaled, z, Kernels.Gelu.InvSqrt2, "1/√2");
            onePlus = Next(Next(scaled.Output[0], "Erf", scaled).Output[0], "Add", scaled);
            activation = Activation.Gelu;
        }
        CheckScalar(onePlus, onePlus.Input[0], 1, "1");
        var timesX = Next(onePlus.Output[0], "Mul", onePlus);
        var half = Next(timesX.Output[0], "Mul", timesX);
        if (!timesX.Input.Contains(z)) throw _constants.Error(timesX, "a GELU multiplies by its own input");
        CheckScalar(half, timesX.Output[0], 0.5, "½");
        return Activate(half, activation);
    }

    /// <summary>A projection (Q, K or V) split into <paramref name="Heads"/> heads of <paramref name="Width"/> and
    /// transposed by <paramref name="Perm"/>, ending in tensor <paramref name="Tensor"/>.</summary>
    private sealed record Head(Dense<T> Dense, string Tensor, int Heads, int Width, long[] Perm);

    /// <summary>One projection MatMul (+ Add) → Reshape (·, ·, h, d) → Transpose(perm), read without adding a layer.</summary>
    private Head ReadHead(NodeProto matmul, int[] input)
    {
        var (dense, projected) = Projection(matmul, input);
        var reshape = Next(projected, "Reshape", matmul);
        var target = _constants.ReadInt64(reshape.Input[1], reshape, "shape");
        if (target.Length != 4 || target[2] <= 0 || target[3] <= 0 || target[2] * target[3] != dense.OutputSize)
            throw _constants.Error(reshape, $"its shape ({string.Join(", ", target)}) does not split {dense.OutputSize} features into heads");
        var transpose = Next(reshape.Output[0], "Transpose", reshape);
        return new Head(dense, transpose.Output[0], (int)target[2], (int)target[3], Attribute(transpose, "perm")?.Ints.ToArray() ?? []);
    }

    /// <summary>MatMul (+ Add) as a Dense layer that is returned rather than added.</summary>
    private (Dense<T> Dense, string Output) Projection(NodeProto matmul, int[] input)
    {
        _shape = input;
        var output = MatMul(matmul);
        var dense = (Dense<T>)_layers[^1];
        _layers.RemoveAt(_layers.Count - 1);
        _shape = input;
        return (dense, output);
    }

    /// <summary>The mask added to the scores: a constant (T, T) (or its Slice to T) of 0 on and below the diagonal and a
    /// large negative number above it.</summary>
    private void CheckCausalMask(NodeProto add, string scores)
    {
        var other = add.Input[0] == scores ? add.Input[1] : add.Input[0];
        var name = _constants.Contains(other) ? other : _slices.GetValueOrDefault(other)
            ?? throw _constants.Error(add, "Backprop imports an Add to the attention scores only as a constant causal mask");
        var (mask, shape) = _constants.Read(name, add, "mask");
        int n = shape is [var rows, var cols] && rows == cols ? (int)rows : throw _constants.Error(add, "its mask is not square");
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (j <= i ? mask[i * n + j] != 0 : mask[i * n + j] > -1e4f)
                    throw _constants.Error(add, "its mask is not causal (0 on and below the diagonal, a large negative number above)");
    }

    /// <summary>The node reading <paramref name="tensor"/> alone, of type <paramref name="op"/>.</summary>
    private NodeProto Next(string tensor, string op, NodeProto near) => Next(tensor, op, op, near);

    /// <summary>The node reading <paramref name="tensor"/> alone, of type <paramref name="op"/> or <paramref name="or"/>.</summary>
    private NodeProto Next(string tensor, string op, string or, NodeProto near) =>
        _consumers.GetValueOrDefault(tensor) is [var next] && (next.OpType == op || next.OpType == or) ? next
            : throw _constants.Error(near, $"Backprop expected one {(op == or ? op : op + " or " + or)} after it, as in an exported attention layer, GELU or block");

    /// <summary>Node <paramref name="node"/>'s other input (besides <paramref name="input"/>) is the scalar <paramref name="value"/>.</summary>
    private void CheckScalar(NodeProto node, string input, double value, string what)
    {
        var other = node.Input[0] == input ? node.Input[1] : node.Input[0];
        if (!_constants.Contains(other) || _constants.Read(other, node, what).Values is not [var v] || Math.Abs(v - value) > 1e-6 * Math.Max(1, Math.Abs(value)))
            throw _constants.Error(node, $"Backprop expected the constant {what} here, as in an exported attention layer or GELU");
    }

    private void CopyConstant(NodeProto node, string name, string role, Span<T> destination)
    {
        var (values, _) = _constants.Read(name, node, role);
        if (values.Length != destination.Length)
            throw _constants.Error(node, $"its {role} '{name}' has {values.Length} values but its input has {destination.Length} features: the graph's tensor shapes disagree");
        Copy(values, destination);
    }

    /// <summary>Parameters of a layer just read into the same layer inside a composite one (same types, same order).</summary>
    private static void CopyParameters(Module<T> from, Module<T> to)
    {
        var (source, target) = (from.NamedParameters().ToList(), to.NamedParameters().ToList());
        for (int i = 0; i < target.Count; i++) source[i].Parameter.Value.AsReadOnlySpan().CopyTo(target[i].Parameter.Value.AsSpan());
    }
}
