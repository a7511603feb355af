using Backprop.Distributed;

namespace Backprop.Tests.Distributed;

/// <summary>Rank <paramref name="rank"/> of <paramref name="size"/> in one thread, as if every other rank held the same
/// values: a sum multiplies by N and a broadcast leaves the values. It counts the calls and the values they carry, and
/// allocates nothing, so tests can count all-reduces per step and a step's allocations.</summary>
public sealed class MirrorCommunicator(int size, int rank = 0) : ICommunicator
{
    public int Rank => rank;
    public int Size => size;
    public int AllReduceCalls { get; private set; }
    public long AllReducedValues { get; private set; }
    public int BroadcastCalls { get; private set; }

    public void AllReduceSum(Span<float> values)
    {
        (AllReduceCalls, AllReducedValues) = (AllReduceCalls + 1, AllReducedValues + values.Length);
        for (int i = 0; i < values.Length; i++) values[i] *= size;
    }

    public void AllReduceSum(Span<double> values)
    {
        (AllReduceCalls, AllReducedValues) = (AllReduceCalls + 1, AllReducedValues + values.Length);
        for (int i = 0; i < values.Length; i++) values[i] *= size;
    }

    public void Broadcast(Span<float> values, int root = 0) => BroadcastCalls++;
    public void Broadcast(Span<double> values, int root = 0) => BroadcastCalls++;
    public void Barrier() { }
    public void Abort(int exitCode) { }
    public void Dispose() { }
}
