namespace Backprop.Kernels;

/// <summary>A persistent pool of worker threads for the kernels: parts p = 0..parts−1 of one piece of work run on the
/// calling thread and up to threads − 1 workers, each part taken by whoever is free (an atomic counter), and the call
/// returns when all are done. Unlike <c>Parallel.For</c>, a steady-state call allocates nothing: the work object is
/// reused (<see cref="PartRunner{TWork}"/>), the workers wait on one semaphore and the caller on another, and their per-thread buffers stay.
/// <para>One piece of work uses the pool at a time. A call that finds it busy (kernels called from several threads at
/// once) runs its parts itself, in order: parts never depend on threads, so the bits are the same.</para></summary>
internal static class WorkerPool
{
    private static readonly object Gate = new();
    private static readonly SemaphoreSlim Start = new(0);
    // Semaphores, not a ManualResetEventSlim: that creates its lock object on the first wait that blocks, an allocation
    // in the middle of a steady state.
    private static readonly SemaphoreSlim Done = new(0);
    private static IPartWork? s_work;
    private static int s_parts, s_next, s_pending, s_workers;

    /// <summary>Runs work.RunPart(p) for every p &lt; <paramref name="parts"/>, on at most <paramref name="threads"/> threads.</summary>
    public static void Run<TWork>(in TWork work, int parts, int threads) where TWork : struct, IPartWork
    {
        if (threads <= 1 || parts <= 1 || !Monitor.TryEnter(Gate))
        {
            var local = work;
            for (int p = 0; p < parts; p++) local.RunPart(p);
            return;
        }
        try
        {
            int helpers = Math.Min(Math.Min(threads, parts) - 1, Environment.ProcessorCount - 1);
            EnsureWorkers(helpers);
            var runner = PartRunner<TWork>.Instance;
            runner.Work = work;
            s_work = runner;
            s_parts = parts;
            s_next = 0;
            s_pending = helpers;
            if (helpers > 0) Start.Release(helpers);
            Drain();
            if (helpers > 0) Done.Wait();
            s_work = null;
        }
        finally
        {
            Monitor.Exit(Gate);
        }
    }

    private static void Drain()
    {
        var work = s_work!;
        int part;
        while ((part = Interlocked.Increment(ref s_next) - 1) < s_parts) work.RunPart(part);
    }

    private static void EnsureWorkers(int count)
    {
        for (; s_workers < count; s_workers++)
            new Thread(Work) { IsBackground = true, Name = $"Backprop kernel worker {s_workers + 1}" }.Start();
    }

    private static void Work()
    {
        while (true)
        {
            Start.Wait();
            Drain();
            if (Interlocked.Decrement(ref s_pending) == 0) Done.Release();
        }
    }

    /// <summary>The one reusable box for work of type <typeparamref name="TWork"/> (written only while holding the gate).</summary>
    private sealed class PartRunner<TWork> : IPartWork where TWork : struct, IPartWork
    {
        public static readonly PartRunner<TWork> Instance = new();
        public TWork Work;
        public void RunPart(int part) => Work.RunPart(part);
    }
}
