namespace Backprop.Randomness;

/// <summary>A random generator bit-identical to NumPy's legacy <c>numpy.random.RandomState</c>:
/// MT19937 seeded by Knuth's init_genrand, 53-bit uniform doubles u = (a·2²⁶ + b)/2⁵³, normals by the
/// Marsaglia polar method with one cached value, and the legacy Fisher–Yates shuffle. So <c>Seed(1)</c> followed
/// by the course's <c>randn</c> calls reproduces the course's weights exactly.</summary>
public sealed class NumpyRandom
{
    private const int N = 624, M = 397;
    private const uint MatrixA = 0x9908b0df, UpperMask = 0x80000000, LowerMask = 0x7fffffff;

    private readonly uint[] _mt = new uint[N];
    private int _index;
    private bool _hasCachedNormal;
    private double _cachedNormal;

    /// <summary>A generator seeded like <c>np.random.seed(seed)</c>.</summary>
    public NumpyRandom(uint seed = 0) => Seed(seed);

    /// <summary>Reseeds like <c>np.random.seed(seed)</c> (also forgets the cached normal).</summary>
    public void Seed(uint seed)
    {
        _mt[0] = seed;
        for (int i = 1; i < N; i++)
            _mt[i] = 1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i;
        _index = N;
        _hasCachedNormal = false;
        _cachedNormal = 0;
    }

    /// <summary>The next tempered 32-bit MT19937 output.</summary>
    public uint NextUInt32()
    {
        if (_index >= N) Twist();
        uint y = _mt[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >> 18;
        return y;
    }

    private void Twist()
    {
        for (int i = 0; i < N; i++)
        {
            uint y = (_mt[i] & UpperMask) | (_mt[(i + 1) % N] & LowerMask);
            _mt[i] = _mt[(i + M) % N] ^ (y >> 1) ^ ((y & 1) != 0 ? MatrixA : 0u);
        }
        _index = 0;
    }

    /// <summary>u ∈ [0, 1) with 53 random bits: (a·67108864 + b) / 9007199254740992, a = next >> 5, b = next >> 6
    /// (NumPy's <c>rand</c> / <c>random_sample</c>).</summary>
    public double NextDouble()
    {
        uint a = NextUInt32() >> 5, b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>A standard normal draw (NumPy's legacy <c>randn</c>): polar method, returns f·x2 and caches f·x1.</summary>
    public double NextGaussian()
    {
        if (_hasCachedNormal)
        {
            _hasCachedNormal = false;
            return _cachedNormal;
        }
        double x1, x2, r2;
        do
        {
            x1 = 2.0 * NextDouble() - 1.0;
            x2 = 2.0 * NextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _cachedNormal = f * x1;
        _hasCachedNormal = true;
        return f * x2;
    }

    /// <summary>Fills <paramref name="destination"/> with uniform draws in order (row-major, like <c>rand(a, b)</c>).</summary>
    public void FillUniform(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = NextDouble();
    }

    /// <summary>Fills <paramref name="destination"/> with normal draws in order (row-major, like <c>randn(a, b)</c>).</summary>
    public void FillGaussian(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = NextGaussian();
    }

    /// <summary>An integer uniform on [0, max] by NumPy's legacy masked rejection (<c>rk_interval</c>).</summary>
    public uint NextInterval(uint max)
    {
        if (max == 0) return 0;
        uint mask = max;
        mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4; mask |= mask >> 8; mask |= mask >> 16;
        uint value;
        while ((value = NextUInt32() & mask) > max) { }
        return value;
    }

    /// <summary>Shuffles in place like <c>np.random.shuffle</c>: for i = n−1 down to 1, swap i with j = interval(i).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = (int)NextInterval((uint)i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A random permutation of 0..n−1 (<c>np.random.permutation(n)</c>).</summary>
    public int[] Permutation(int n)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "A permutation needs n ≥ 0.");
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        Shuffle<int>(p);
        return p;
    }

    /// <summary>An index i drawn with probability p[i] (<c>np.random.choice(len(p), p=p)</c>, legacy RandomState): the
    /// cumulative sums c (sequential), c /= c[n−1], one uniform u, and the first i with c[i] &gt; u (searchsorted, right).</summary>
    public int Choice(ReadOnlySpan<double> probabilities)
    {
        int n = probabilities.Length;
        if (n == 0) throw new ArgumentException("Choice needs at least one probability.");
        Span<double> cdf = n <= 256 ? stackalloc double[n] : new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            if (!(probabilities[i] >= 0)) throw new ArgumentException($"Probabilities must be non-negative; p[{i}] = {probabilities[i]}.");
            cdf[i] = sum += probabilities[i];
        }
        if (Math.Abs(sum - 1) > 1.4901161193847656e-08) throw new ArgumentException($"Probabilities must sum to 1; they sum to {sum}.");
        for (int i = 0; i < n; i++) cdf[i] /= sum;
        double u = NextDouble();
        int lo = 0, hi = n;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] <= u) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>The generator's full state, so a checkpoint can resume the exact sequence.</summary>
    public NumpyRandomState SaveState() => new((uint[])_mt.Clone(), _index, _hasCachedNormal, _cachedNormal);

    /// <summary>Restores a state from <see cref="SaveState"/>.</summary>
    public void RestoreState(NumpyRandomState state)
    {
        if (state.Key.Length != N || state.Position < 0 || state.Position > N)
            throw new ArgumentException($"A generator state needs {N} words and a position in 0..{N}.", nameof(state));
        state.Key.CopyTo(_mt, 0);
        _index = state.Position;
        _hasCachedNormal = state.HasCachedNormal;
        _cachedNormal = state.CachedNormal;
    }
}

/// <summary>A snapshot of <see cref="NumpyRandom"/>: the 624 key words, the position, and the cached normal.</summary>
public sealed record NumpyRandomState(uint[] Key, int Position, bool HasCachedNormal, double CachedNormal);
