using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Tests.Tensors;

/// <summary>Broadcasting against a naive reference: the output shape is worked out axis by axis, and each output
/// element reads every operand at its coordinates modulo the operand's dimensions (right-aligned), which is
/// NumPy's rule stated as plainly as possible. Many random shape pairs, a fixed seed.</summary>
public class BroadcastingPropertyTests
{
    private delegate Tensor<T> TensorOp<T>(Tensor<T> x, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>;

    private static (string Name, TensorOp<T> Tensor, Func<T, T, T> Scalar)[] Ops<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
    [
        ("Add", (x, y) => x + y, (x, y) => x + y),
        ("Subtract", (x, y) => x - y, (x, y) => x - y),
        ("Multiply", (x, y) => x * y, (x, y) => x * y),
        ("Divide", (x, y) => x / y, (x, y) => x / y),
        ("Maximum", Tensor<T>.Maximum, T.Max),
        ("Minimum", Tensor<T>.Minimum, T.Min),
        ("Pow", Tensor<T>.Pow, T.Pow),
        ("GreaterThan", Tensor<T>.GreaterThan, (x, y) => x > y ? T.One : T.Zero),
        ("GreaterThanOrEqual", Tensor<T>.GreaterThanOrEqual, (x, y) => x >= y ? T.One : T.Zero),
        ("LessThan", Tensor<T>.LessThan, (x, y) => x < y ? T.One : T.Zero),
        ("EqualTo", Tensor<T>.EqualTo, (x, y) => x == y ? T.One : T.Zero),
    ];

    [Fact]
    public void Float_broadcasting_matches_the_naive_reference_on_random_shapes() => CheckRandomShapes<float>(seed: 11, maxInner: 5);

    [Fact]
    public void Double_broadcasting_matches_the_naive_reference_on_random_shapes() => CheckRandomShapes<double>(seed: 12, maxInner: 5);

    [Fact]
    public void Float_broadcasting_matches_the_naive_reference_with_rows_longer_than_a_vector() => CheckRandomShapes<float>(seed: 13, maxInner: 40, count: 150);

    [Fact]
    public void Double_broadcasting_matches_the_naive_reference_with_rows_longer_than_a_vector() => CheckRandomShapes<double>(seed: 14, maxInner: 40, count: 150);

    [Fact]
    public void Incompatible_random_shapes_throw_an_error_naming_both_shapes()
    {
        var rng = new Random(15);
        for (int iteration = 0; iteration < 300; iteration++)
        {
            var (a, b) = RandomCompatiblePair(rng, maxInner: 5, minRank: 1);
            if (a.Length < b.Length) (a, b) = (b, a);
            if (a.Length == 0) a = [1];
            if (b.Length == 0) b = [1];
            // Make one aligned axis disagree, with neither side 1.
            int shift = a.Length - b.Length;
            int k = rng.Next(shift, a.Length);
            a[k] = rng.Next(2, 6);
            do b[k - shift] = rng.Next(2, 6); while (b[k - shift] == a[k]);
            if (rng.Next(2) == 0) (a, b) = (b, a);

            Assert.Null(ReferenceShape(a, b));
            var x = Tensor<float>.Zeros(a);
            var y = Tensor<float>.Zeros(b);
            foreach (var op in Ops<float>())
            {
                var error = Assert.Throws<ArgumentException>(() => op.Tensor(x, y));
                Assert.Contains(ShapeMath.Format(a), error.Message);
                Assert.Contains(ShapeMath.Format(b), error.Message);
            }
        }
    }

    private static void CheckRandomShapes<T>(int seed, int maxInner, int count = 400) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(seed);
        var ops = Ops<T>();
        for (int iteration = 0; iteration < count; iteration++)
        {
            var (a, b) = RandomCompatiblePair(rng, maxInner, minRank: 0);
            var expectedShape = ReferenceShape(a, b) ?? throw new InvalidOperationException("generator made incompatible shapes");
            var x = RandomTensor<T>(rng, a);
            var y = RandomTensor<T>(rng, b);
            foreach (var (name, tensorOp, scalarOp) in ops)
            {
                string where = $"{name} {ShapeMath.Format(a)} with {ShapeMath.Format(b)} (iteration {iteration})";
                var z = tensorOp(x, y);
                Assert.True(z.Shape.SequenceEqual(expectedShape), $"{where}: shape {ShapeMath.Format(z.Shape)}, expected {ShapeMath.Format(expectedShape)}");
                var zs = z.AsReadOnlySpan();
                var index = new int[expectedShape.Length];
                for (int flat = 0; flat < zs.Length; flat++)
                {
                    T expected = scalarOp(At(x, index), At(y, index));
                    Assert.True(zs[flat] == expected || (T.IsNaN(zs[flat]) && T.IsNaN(expected)),
                        $"{where}: element {flat} is {zs[flat]}, expected {expected}");
                    Increment(index, expectedShape);
                }
            }
        }
    }

    /// <summary>An output shape of rank 0..4 with dims 1..5 (the last up to <paramref name="maxInner"/>); each operand
    /// drops some leading axes and sets some dims to 1, so the two always broadcast.</summary>
    private static (int[] A, int[] B) RandomCompatiblePair(Random rng, int maxInner, int minRank)
    {
        int rank = rng.Next(minRank, 5);
        var full = new int[rank];
        for (int k = 0; k < rank; k++) full[k] = rng.Next(1, (k == rank - 1 ? maxInner : 5) + 1);
        return (Operand(rng, full), Operand(rng, full));
    }

    private static int[] Operand(Random rng, int[] full)
    {
        int drop = rng.Next(3) == 0 ? rng.Next(full.Length + 1) : 0;
        var shape = full[drop..];
        for (int k = 0; k < shape.Length; k++)
            if (rng.Next(3) == 0) shape[k] = 1;
        return shape;
    }

    private static Tensor<T> RandomTensor<T>(Random rng, int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = Tensor<T>.Zeros(shape);
        var s = t.AsSpan();
        // Half-integers in [−2, 2]: ties for the comparisons, zeros for division, negative bases for Pow.
        for (int i = 0; i < s.Length; i++) s[i] = T.CreateChecked(rng.Next(-4, 5) * 0.5);
        return t;
    }

    /// <summary>NumPy's rule, written independently of ShapeMath: null when the shapes do not broadcast.</summary>
    private static int[]? ReferenceShape(int[] a, int[] b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int k = 0; k < rank; k++)
        {
            int ia = k - (rank - a.Length), ib = k - (rank - b.Length);
            int da = ia >= 0 ? a[ia] : 1, db = ib >= 0 ? b[ib] : 1;
            if (da != db && da != 1 && db != 1) return null;
            result[k] = Math.Max(da, db);
        }
        return result;
    }

    /// <summary>The operand's element at an output index: right-aligned, each coordinate modulo the operand's dimension.</summary>
    private static T At<T>(Tensor<T> t, int[] outputIndex) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int shift = outputIndex.Length - t.Rank;
        var index = new int[t.Rank];
        for (int k = 0; k < t.Rank; k++) index[k] = outputIndex[k + shift] % t.Shape[k];
        return t[index];
    }

    private static void Increment(int[] index, int[] shape)
    {
        for (int k = shape.Length - 1; k >= 0; k--)
        {
            if (++index[k] < shape[k]) return;
            index[k] = 0;
        }
    }
}
