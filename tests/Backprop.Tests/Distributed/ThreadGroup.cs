using Backprop.Distributed;

namespace Backprop.Tests.Distributed;

/// <summary>N ranks as N threads of this process, for testing data-parallel training without MPI: a collective waits for
/// every rank (a <see cref="System.Threading.Barrier"/>), and a sum adds the ranks' values in rank order, so every rank
/// gets the same bits, as MPI gives them. <see cref="Run{TResult}"/> runs one function per rank and returns each result.</summary>
public sealed class ThreadGroup
{
    private readonly Barrier _barrier;
    private readonly double[][] _slots;

    private ThreadGroup(int size)
    {
        _barrier = new Barrier(size);
        _slots = new double[size][];
        Ranks = Enumerable.Range(0, size).Select(r => new Member(this, r)).ToArray();
    }

    public IReadOnlyList<Member> Ranks { get; }

    /// <summary>f(rank) on N threads at once; the results in rank order. A rank that throws fails the group (the barrier
    /// is left so that the other ranks stop waiting too).</summary>
    public static TResult[] Run<TResult>(int size, Func<ICommunicator, TResult> f)
    {
        var group = new ThreadGroup(size);
        var results = new TResult[size];
        var threads = group.Ranks.Select((rank, r) => new Thread(() =>
        {
            try { results[r] = f(rank); }
            catch (Exception e) { rank.Failure = e; group._barrier.RemoveParticipant(); }
        }, 16 << 20)).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) Assert.True(t.Join(TimeSpan.FromMinutes(2)), "A rank of the thread group did not finish within 2 minutes.");
        var failed = group.Ranks.FirstOrDefault(rank => rank.Failure is not null);
        if (failed is not null) throw new AggregateException($"Rank {failed.Rank} failed.", failed.Failure!);
        return results;
    }

    private void Sum<T>(int rank, Span<T> values, Func<T, double> toDouble, Func<double, T> fromDouble) where T : struct
    {
        var slot = _slots[rank] is { } s && s.Length == values.Length ? s : _slots[rank] = new double[values.Length];
        for (int i = 0; i < values.Length; i++) slot[i] = toDouble(values[i]);
        _barrier.SignalAndWait();
        for (int i = 0; i < values.Length; i++)
        {
            // In rank order, in T's own arithmetic (a float sum rounds to float after each addition, as MPI's does).
            T sum = fromDouble(_slots[0][i]);
            for (int r = 1; r < _slots.Length; r++) sum = Add(sum, fromDouble(_slots[r][i]));
            values[i] = sum;
        }
        _barrier.SignalAndWait();
    }

    private static T Add<T>(T a, T b) => a is float fa && b is float fb ? (T)(object)(fa + fb) : (T)(object)((double)(object)a! + (double)(object)b!);

    private void Broadcast<T>(int rank, Span<T> values, int root, Func<T, double> toDouble, Func<double, T> fromDouble) where T : struct
    {
        if (rank == root) _slots[root] = values.ToArray().Select(toDouble).ToArray();
        _barrier.SignalAndWait();
        if (rank != root) for (int i = 0; i < values.Length; i++) values[i] = fromDouble(_slots[root][i]);
        _barrier.SignalAndWait();
    }

    /// <summary>One rank of the group.</summary>
    public sealed class Member(ThreadGroup group, int rank) : ICommunicator
    {
        public Exception? Failure { get; set; }
        public int AllReduceCalls { get; private set; }
        public int Rank => rank;
        public int Size => group._slots.Length;
        public void AllReduceSum(Span<float> values) { AllReduceCalls++; group.Sum(rank, values, v => v, v => (float)v); }
        public void AllReduceSum(Span<double> values) { AllReduceCalls++; group.Sum(rank, values, v => v, v => v); }
        public void Broadcast(Span<float> values, int root = 0) => group.Broadcast(rank, values, root, v => v, v => (float)v);
        public void Broadcast(Span<double> values, int root = 0) => group.Broadcast(rank, values, root, v => v, v => v);
        public void Barrier() => group._barrier.SignalAndWait();
        public void Abort(int exitCode) => throw new InvalidOperationException($"rank {rank} aborted with {exitCode}");
        public void Dispose() { }
    }
}
