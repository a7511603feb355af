using System.Numerics;
using System.Runtime.InteropServices;
using Backprop.Distributed;
using Backprop.Layers;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>What the trainer exchanges among N &gt; 1 ranks, each training the same model on its shard of every global
/// batch. At the start, rank 0's parameters and buffers (batch-norm statistics) replace everyone's. Each step,
/// rank r with b_r of the batch's b rows has dθ_r = ∂J_r/∂θ of its mean cost J_r; the global batch's mean cost is
/// J = Σ_r (b_r/b)·J_r, so ∂J/∂θ = Σ_r (b_r/b)·dθ_r: each rank packs (b_r/b)·dθ_r, (b_r/b)·J_r and its vote to stop into the
/// gradient buckets (<see cref="FlatBuckets{T}"/>), one all-reduce per bucket sums them, and every rank unpacks the same
/// ∂J/∂θ and J. At each epoch's end rank 0's buffers are broadcast again, so evaluation agrees on every rank.</summary>
internal sealed class DataParallelSync<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ICommunicator _communicator;
    private readonly IReadOnlyList<Parameter<T>> _parameters;
    private readonly Tensor<T>[] _buffers;
    private readonly FlatBuckets<T> _gradients, _state, _bufferState;
    private readonly T[] _extras = new T[2]; // (b_r/b)·J_r and the stop vote, after the gradients in the last bucket

    private DataParallelSync(ICommunicator communicator, Module<T> model, int bucketElements)
    {
        _communicator = communicator;
        _parameters = model.Parameters;
        _buffers = model.NamedBuffers().Select(b => b.Buffer).ToArray();
        int[] gradients = [.. _parameters.Select(p => p.Value.Length), _extras.Length];
        _gradients = new FlatBuckets<T>(gradients, bucketElements);
        _state = new FlatBuckets<T>([.. _parameters.Select(p => p.Value.Length), .. _buffers.Select(b => b.Length)], bucketElements);
        _bufferState = new FlatBuckets<T>(_buffers.Select(b => b.Length).ToArray(), bucketElements);
    }

    /// <summary>Null for a single process (nothing to exchange); otherwise the exchange for <paramref name="model"/>, with
    /// buckets of at most <paramref name="bucketBytes"/>.</summary>
    public static DataParallelSync<T>? For(ICommunicator communicator, Module<T> model, int bucketBytes)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        if (communicator.Size <= 1) return null;
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketBytes, Marshal.SizeOf<T>(), nameof(bucketBytes));
        return new DataParallelSync<T>(communicator, model, bucketBytes / Marshal.SizeOf<T>());
    }

    /// <summary>All-reduces per step: ⌈(parameters + 2) / bucket⌉, one for any model under the bucket size.</summary>
    public int BucketsPerStep => _gradients.Count;

    /// <summary>Bytes each rank hands to the all-reduce per step.</summary>
    public long BytesPerStep => _gradients.Total * Marshal.SizeOf<T>();

    /// <summary>Fails on every rank alike when the ranks do not train the same run: the sums of (1, m, steps per epoch,
    /// parameter count) must be N times each rank's own.</summary>
    public void CheckSameRun(int examples, int batchesPerEpoch)
    {
        double[] mine = [1, examples, batchesPerEpoch, _gradients.Total, _buffers.Length];
        var sums = (double[])mine.Clone();
        _communicator.AllReduceSum(sums.AsSpan());
        int n = _communicator.Size;
        if (sums[0] != n) throw new InvalidOperationException($"The communicator says {n} ranks but {sums[0]} answered.");
        for (int i = 1; i < mine.Length; i++)
            if (sums[i] != n * mine[i])
                throw new InvalidOperationException($"The {n} ranks do not train the same run: rank {_communicator.Rank} has {mine[1]} examples, " +
                    $"{mine[2]} steps per epoch and {mine[3] - _extras.Length} parameters; every rank must load the same data and build the same model.");
    }

    /// <summary>Every rank's parameters and buffers ← rank 0's.</summary>
    public void BroadcastState()
    {
        int p = _parameters.Count;
        for (int k = 0; k < _state.Count; k++)
        {
            for (int s = 0; s < p; s++) _state.Pack(k, s, _parameters[s].Value.AsReadOnlySpan());
            for (int s = 0; s < _buffers.Length; s++) _state.Pack(k, p + s, _buffers[s].AsReadOnlySpan());
            _communicator.Broadcast(_state.Bucket(k), 0);
            for (int s = 0; s < p; s++) _state.Unpack(k, s, _parameters[s].Value.AsSpan());
            for (int s = 0; s < _buffers.Length; s++) _state.Unpack(k, p + s, _buffers[s].AsSpan());
        }
    }

    /// <summary>Every rank's buffers (running statistics) ← rank 0's.</summary>
    public void BroadcastBuffers()
    {
        for (int k = 0; k < _bufferState.Count; k++)
        {
            for (int s = 0; s < _buffers.Length; s++) _bufferState.Pack(k, s, _buffers[s].AsReadOnlySpan());
            _communicator.Broadcast(_bufferState.Bucket(k), 0);
            for (int s = 0; s < _buffers.Length; s++) _bufferState.Unpack(k, s, _buffers[s].AsSpan());
        }
    }

    /// <summary>dθ ← Σ_r (b_r/b)·dθ_r on every rank, and the global cost J = Σ_r (b_r/b)·J_r, given this rank's
    /// <paramref name="localRows"/> = b_r of the batch's <paramref name="batchRows"/> = b and its cost J_r (unused when b_r = 0,
    /// which contributes zeros). <paramref name="stop"/> is this rank's vote to stop (cancellation); the result says whether
    /// any rank voted, so all stop at the same step.</summary>
    public (double Cost, bool Stop) AverageGradients(int localRows, int batchRows, double localCost, bool stop)
    {
        T w = T.CreateChecked((double)localRows / batchRows);
        _extras[0] = localRows == 0 ? T.Zero : T.CreateChecked(localCost) * w;
        _extras[1] = stop ? T.One : T.Zero;
        int p = _parameters.Count;
        for (int k = 0; k < _gradients.Count; k++)
        {
            for (int s = 0; s < p; s++) _gradients.Pack(k, s, _parameters[s].Gradient.AsReadOnlySpan(), w);
            _gradients.Pack(k, p, _extras);
            _communicator.AllReduceSum(_gradients.Bucket(k));
            for (int s = 0; s < p; s++) _gradients.Unpack(k, s, _parameters[s].Gradient.AsSpan());
            _gradients.Unpack(k, p, _extras);
        }
        return (double.CreateChecked(_extras[0]), _extras[1] > T.Zero);
    }
}
