using Backprop.Tensors;
using Op = Backprop.Ops.Op;

namespace Backprop.Tests.Ops;

/// <summary>One row per differentiable op: how to call it, the input shapes, and the input domain.
/// Every test in this folder is driven by this table; a new op is one new row.</summary>
public sealed record OpCase(string Name, Func<Tensor<double>[], Tensor<double>> Apply, int[][] Shapes, Domain Domain = Domain.Any)
{
    public override string ToString() => Name;
}

public enum Domain { Any, Positive, AwayFromZero, Probability, Labels }

public static class OpTable
{
    public static readonly OpCase[] Unary =
    [
        new("Negate", x => Op.Negate(x[0]), [[3, 4]]),
        new("Scale", x => Op.Scale(x[0], 2.5), [[3, 4]]),
        new("AddScalar", x => Op.AddScalar(x[0], -1.5), [[3, 4]]),
        new("SubtractFromScalar", x => Op.Subtract(1.5, x[0]), [[3, 4]]),
        new("DivideByScalar", x => Op.Divide(x[0], 2.5), [[3, 4]]),
        new("DivideScalarBy", x => Op.Divide(1.5, x[0]), [[3, 4]], Domain.AwayFromZero),
        // The Tensor operators on a tensor that requires a gradient record as the Op methods do.
        new("x + s", x => x[0] + 1.5, [[3, 4]]),
        new("s + x", x => 1.5 + x[0], [[3, 4]]),
        new("x - s", x => x[0] - 1.5, [[3, 4]]),
        new("s - x", x => 1.5 - x[0], [[3, 4]]),
        new("x * s", x => x[0] * 2.5, [[3, 4]]),
        new("s * x", x => 2.5 * x[0], [[3, 4]]),
        new("x / s", x => x[0] / 2.5, [[3, 4]]),
        new("s / x", x => 1.5 / x[0], [[3, 4]], Domain.AwayFromZero),
        new("-x", x => -x[0], [[3, 4]]),
        new("Exp", x => Op.Exp(x[0]), [[3, 4]]),
        new("Log", x => Op.Log(x[0]), [[3, 4]], Domain.Positive),
        new("Sqrt", x => Op.Sqrt(x[0]), [[3, 4]], Domain.Positive),
        new("Pow", x => Op.Pow(x[0], 3.0), [[3, 4]]),
        new("Square", x => Op.Square(x[0]), [[3, 4]]),
        new("Abs", x => Op.Abs(x[0]), [[3, 4]], Domain.AwayFromZero),
        new("Sigmoid", x => Op.Sigmoid(x[0]), [[3, 4]]),
        new("Tanh", x => Op.Tanh(x[0]), [[3, 4]]),
        new("Relu", x => Op.Relu(x[0]), [[3, 4]], Domain.AwayFromZero),
        new("LeakyRelu", x => Op.LeakyRelu(x[0], 0.01), [[3, 4]], Domain.AwayFromZero),
        new("Softmax", x => Op.Softmax(x[0]), [[3, 4]]),
        new("Gelu", x => Op.Gelu(x[0]), [[3, 4]]),
        new("GeluTanh", x => Op.GeluTanh(x[0]), [[3, 4]]),
        new("LogSoftmax", x => Op.LogSoftmax(x[0]), [[3, 4]]),
        new("Sum", x => Op.Sum(x[0]), [[3, 4]]),
        new("SumAxis0", x => Op.Sum(x[0], 0), [[3, 4]]),
        new("SumAxis1KeepDims", x => Op.Sum(x[0], 1, keepDims: true), [[3, 4]]),
        new("Mean", x => Op.Mean(x[0]), [[3, 4]]),
        new("MeanAxis1", x => Op.Mean(x[0], 1), [[2, 3, 4]]),
        new("Reshape", x => Op.Reshape(x[0], 4, 3), [[3, 4]]),
        new("Transpose", x => Op.Transpose(x[0]), [[3, 4]]),
    ];

    public static readonly OpCase[] Binary =
    [
        new("Add", x => Op.Add(x[0], x[1]), [[3, 4], [3, 4]]),
        new("Subtract", x => Op.Subtract(x[0], x[1]), [[3, 4], [3, 4]]),
        new("Multiply", x => Op.Multiply(x[0], x[1]), [[3, 4], [3, 4]]),
        new("Divide", x => Op.Divide(x[0], x[1]), [[3, 4], [3, 4]], Domain.AwayFromZero),
        new("Maximum", x => Op.Maximum(x[0], x[1]), [[3, 4], [3, 4]]),
        new("a + b", x => x[0] + x[1], [[3, 4], [3, 4]]),
        new("a - b", x => x[0] - x[1], [[3, 4], [3, 4]]),
        new("a * b", x => x[0] * x[1], [[3, 4], [3, 4]]),
        new("a / b", x => x[0] / x[1], [[3, 4], [3, 4]], Domain.AwayFromZero),
    ];

    public static readonly OpCase[] Other =
    [
        new("MatMul", x => Op.MatMul(x[0], x[1]), [[3, 5], [5, 2]]),
        new("MatMulTransposeA", x => Op.MatMul(x[0], x[1], transposeA: true), [[5, 3], [5, 2]]),
        new("MatMulTransposeB", x => Op.MatMul(x[0], x[1], transposeB: true), [[3, 5], [2, 5]]),
        new("MatMulTransposeBoth", x => Op.MatMul(x[0], x[1], true, true), [[5, 3], [2, 5]]),
        new("ConcatAxis0", x => Op.Concat(0, x[0], x[1]), [[2, 3], [4, 3]]),
        new("ConcatAxis1", x => Op.Concat(1, x[0], x[1]), [[2, 3], [2, 1]]),
        new("ConcatAxis1Of3D", x => Op.Concat(1, x[0], x[1]), [[2, 1, 3], [2, 2, 3]]),
        new("BinaryCrossEntropyWithLogits", x => Op.BinaryCrossEntropyWithLogits(x[0], Labels(x[0])), [[5, 1]]),
        new("BinaryCrossEntropy", x => Op.BinaryCrossEntropy(x[0], Labels(x[0])), [[5, 1]], Domain.Probability),
        new("SoftmaxCrossEntropy", x => Op.SoftmaxCrossEntropy(x[0], OneHot(x[0])), [[4, 3]]),
        new("MeanSquaredError", x => Op.MeanSquaredError(x[0], x[1]), [[4, 2], [4, 2]]),
        new("Linear", x => Op.Linear(x[0], x[1], x[2]), [[4, 3], [2, 3], [2]]),
        new("LinearWithoutBias", x => Op.Linear(x[0], x[1]), [[4, 3], [2, 3]]),
        new("LinearOver3D", x => Op.Linear(x[0], x[1], x[2]), [[2, 3, 4], [5, 4], [5]]),
        new("LinearUsingItsInputTwice", x => Op.Add(Op.Linear(x[0], x[1], x[2]), Op.Tanh(x[0])), [[3, 3], [3, 3], [3]]),
        new("SoftmaxOver3D", x => Op.Softmax(x[0]), [[2, 3, 4]]),
        new("SoftmaxCrossEntropyOver3D", x => Op.SoftmaxCrossEntropy(x[0], OneHot(x[0])), [[2, 3, 4]]),
        new("BinaryCrossEntropyThroughSigmoid", x => Op.BinaryCrossEntropy(Op.Sigmoid(x[0]), Labels(x[0])), [[5, 1]]),
        new("CategoricalCrossEntropyThroughSoftmax", x => Op.CategoricalCrossEntropy(Op.Softmax(x[0]), OneHot(x[0])), [[4, 3]]),
        new("CategoricalCrossEntropy", x => Op.CategoricalCrossEntropy(x[0], OneHot(x[0])), [[4, 3]], Domain.Probability),
        new("Dropout", x => Op.Dropout(x[0], 0.4, new Backprop.Randomness.NumpyRandom(5)), [[4, 5]]),
        new("BatchNorm", x => Op.BatchNorm(x[0], x[1], x[2]), [[5, 3], [3], [3]]),
        new("BatchNormChannelsLast", x => Op.BatchNorm(x[0], x[1], x[2]), [[2, 2, 2, 3], [3], [3]]),
        // The augmentations with their random choices fixed: per example a mirror, a shift (one past the edge, one
        // diagonal, one none) and a brightness/contrast pair; the last row uses its input twice (the accumulate path).
        new("FlipHorizontal", x => Op.FlipHorizontal(x[0], [true, false]), [[2, 3, 4, 2]]),
        new("Translate", x => Op.Translate(x[0], [1, -2, 0], [-1, 3, 0]), [[3, 4, 3, 2]]),
        new("ColorJitter", x => Op.ColorJitter(x[0], [0.3, -0.1], [1.4, 0.7]), [[2, 3, 3, 2]]),
        new("AugmentationsUsingTheirInputTwice", x => Op.Add(Op.Add(Op.FlipHorizontal(x[0], [true, false]), Op.Translate(x[0], [1, 0], [0, -1])),
            Op.ColorJitter(x[0], [0.2, 0.0], [0.8, 1.3])), [[2, 3, 3, 2]]),
        new("BatchNormWithRunningStatistics", x => Op.BatchNorm(x[0], x[1], x[2], Tensor<double>.Vector(0.1, -0.2, 0.3), Tensor<double>.Vector(1.5, 0.5, 2.0)), [[5, 3], [3], [3]]),
        new("LayerNorm", x => Op.LayerNorm(x[0], x[1], x[2]), [[4, 5], [5], [5]]),
        new("LayerNormOver3D", x => Op.LayerNorm(x[0], x[1], x[2]), [[2, 3, 4], [4], [4]]),
        new("LayerNormUsingItsInputTwice", x => Op.Add(Op.LayerNorm(x[0], x[1], x[2]), Op.Tanh(x[0])), [[3, 4], [4], [4]]),
        // A block's residual sum (Layers.Residual: a pooled node, not the operator +), alone and over an input with a second use.
        new("ResidualAdd", x => new Backprop.Layers.Residual<double>().Add(x[0], x[1]), [[2, 3, 4], [2, 3, 4]]),
        new("ResidualAddOverASharedInput", x => new Backprop.Layers.Residual<double>().Add(x[0], Op.Tanh(x[0])), [[2, 3, 4]]),
        new("BatchedMatMul", x => Op.BatchedMatMul(x[0], x[1]), [[2, 3, 4], [2, 4, 5]]),
        new("BatchedMatMulTransposeA", x => Op.BatchedMatMul(x[0], x[1], transposeA: true), [[2, 4, 3], [2, 4, 5]]),
        new("BatchedMatMulTransposeB", x => Op.BatchedMatMul(x[0], x[1], transposeB: true), [[2, 3, 4], [2, 5, 4]]),
        new("BatchedMatMulTransposeBoth", x => Op.BatchedMatMul(x[0], x[1], true, true), [[2, 4, 3], [2, 5, 4]]),
        new("BatchedMatMulRank4", x => Op.BatchedMatMul(x[0], x[1]), [[2, 3, 2, 4], [2, 3, 4, 3]]),
        new("BatchedMatMulRank4TransposeB", x => Op.BatchedMatMul(x[0], x[1], transposeB: true), [[2, 2, 3, 4], [2, 2, 5, 4]]),
        new("BatchedMatMulRank4TransposeA", x => Op.BatchedMatMul(x[0], x[1], transposeA: true), [[2, 2, 4, 3], [2, 2, 4, 5]]),
        new("BatchedMatMulOfOneInputWithItself", x => Op.BatchedMatMul(x[0], x[0], transposeB: true), [[2, 3, 4]]),
        new("ScaledMaskedSoftmax", x => Op.ScaledMaskedSoftmax(x[0], 0.5), [[2, 3, 4]]),
        new("ScaledMaskedSoftmaxCausal", x => Op.ScaledMaskedSoftmax(x[0], 0.5, causal: true), [[2, 2, 4, 4]]),
        new("ScaledMaskedSoftmaxPadding", x => Op.ScaledMaskedSoftmax(x[0], 0.7, keyPadding: Padding(2, 4)), [[2, 2, 3, 4]]),
        new("ScaledMaskedSoftmaxCausalAndPadding", x => Op.ScaledMaskedSoftmax(x[0], 0.7, true, Padding(2, 4)), [[2, 4, 4]]),
        new("SplitHeads", x => Op.SplitHeads(x[0], 2), [[2, 3, 4]]),
        new("MergeHeads", x => Op.MergeHeads(x[0]), [[2, 3, 2, 2]]),
        new("SplitThenMergeHeads", x => Op.Add(Op.MergeHeads(Op.SplitHeads(x[0], 3)), x[0]), [[2, 2, 6]]),
        new("AddPositions", x => Op.AddPositions(x[0], x[1]), [[2, 3, 4], [5, 4]]),
    ];

    /// <summary>Binary ops again, with the second operand broadcast as a row, a column, and a scalar.</summary>
    public static IEnumerable<OpCase> Broadcasting() =>
        from op in Binary
        from shape in new[] { new[] { 4 }, new[] { 1, 4 }, new[] { 3, 1 }, Array.Empty<int>() }
        select op with { Name = $"{op.Name} with {ShapeMath.Format(shape)}", Shapes = [op.Shapes[0], shape] };

    public static IEnumerable<OpCase> All => Unary.Concat(Binary).Concat(Other);

    public static Tensor<double>[] Inputs(OpCase op, int seed = 1)
    {
        var random = new Backprop.Randomness.NumpyRandom((uint)seed);
        return op.Shapes.Select(shape =>
        {
            var t = Tensor<double>.RandomNormal(random, shape);
            var s = t.AsSpan();
            for (int i = 0; i < s.Length; i++)
                s[i] = op.Domain switch
                {
                    Domain.Positive => Math.Abs(s[i]) + 0.5,
                    Domain.AwayFromZero => s[i] >= 0 ? s[i] + 0.2 : s[i] - 0.2,
                    Domain.Probability => 0.1 + 0.8 / (1 + Math.Exp(-s[i])),
                    _ => s[i],
                };
            return t;
        }).ToArray();
    }

    /// <summary>A key padding mask (m, T_k): example n has its last 1 + n % 2 keys padded (1), the rest real (0).</summary>
    private static Tensor<double> Padding(int examples, int keys)
    {
        var mask = Tensor<double>.Zeros(examples, keys);
        for (int n = 0; n < examples; n++)
            for (int j = keys - 1 - n % 2; j < keys; j++) mask[n, j] = 1;
        return mask;
    }

    private static Tensor<double> Labels(Tensor<double> like)
    {
        var y = Tensor<double>.ZerosLike(like);
        var s = y.AsSpan();
        for (int i = 0; i < s.Length; i++) s[i] = i % 2;
        return y;
    }

    private static Tensor<double> OneHot(Tensor<double> like)
    {
        var y = Tensor<double>.ZerosLike(like);
        int classes = like.Dim(-1);
        var s = y.AsSpan();
        for (int i = 0; i < s.Length / classes; i++) s[i * classes + i % classes] = 1;
        return y;
    }
}
