using System.Diagnostics;
using System.Runtime.InteropServices;
using Backprop.Distributed;

namespace Backprop.MpiProbe;

/// <summary>A communicator that times the all-reduces of another and counts their calls and bytes.</summary>
internal sealed class TimedCommunicator(ICommunicator inner) : ICommunicator
{
    private readonly Stopwatch _clock = new();
    public TimeSpan AllReduceTime => _clock.Elapsed;
    public long AllReduceCalls { get; private set; }
    public long AllReduceBytes { get; private set; }

    public int Rank => inner.Rank;
    public int Size => inner.Size;

    public void Reset() { _clock.Reset(); (AllReduceCalls, AllReduceBytes) = (0, 0); }

    public void AllReduceSum(Span<float> values) { Count(MemoryMarshal.AsBytes(values).Length); _clock.Start(); inner.AllReduceSum(values); _clock.Stop(); }
    public void AllReduceSum(Span<double> values) { Count(MemoryMarshal.AsBytes(values).Length); _clock.Start(); inner.AllReduceSum(values); _clock.Stop(); }
    public void Broadcast(Span<float> values, int root = 0) => inner.Broadcast(values, root);
    public void Broadcast(Span<double> values, int root = 0) => inner.Broadcast(values, root);
    public void Barrier() => inner.Barrier();
    public void Abort(int exitCode) => inner.Abort(exitCode);
    public void Dispose() => inner.Dispose();

    private void Count(long bytes) { AllReduceCalls++; AllReduceBytes += bytes; }
}
