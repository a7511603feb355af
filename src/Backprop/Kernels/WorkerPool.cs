namespace Backprop.Kernels;

/// <summary>A persistent pool of worker threads for the kernels: parts p = 0..parts−1 of one piece of work run on the
/// calling thread and up to threads − 1 workers, each part taken by whoever is free (an atomic counter), and the call
/// returns when every part is done. Unlike <c>Parallel.For</c>, a steady-state call allocates nothing: the work object is
/// reused (<see cref="PartRunner{TWork}"/>) and the workers' per-thread buffers stay.
/// <para>Waking: a worker that finishes spins for a short while (200 µs) watching for
/// the next piece of work before it blocks on a semaphore, because a blocked thread takes tens of microseconds to wake
/// on bare metal and far longer on a virtual machine, and training calls the pool hundreds of times per step. The caller
/// waits for the parts to be done, not for the workers to wake: when a worker is late, the caller runs every part itself
/// and returns; the late worker then finds nothing left. (Before, the caller waited for every helper to check in, so each
/// call paid a full wake-up even when it had done all the work: on this VM the SIGNS ConvNet, the char LSTM and the
/// MNIST MLP ran slower on 2 threads than on 1.)</para>
/// <para>One piece of work uses the pool at a time. A call that finds it busy (kernels called from several threads at
/// once) runs its parts itself, in order: parts never depend on threads, so the bits are the same.</para></summary>
internal static class WorkerPool
{
    /// <summary>How long an idle worker watches for new work before blocking: 200 µs, in Stopwatch ticks. Training calls the
    /// pool every few hundred microseconds or sooner; an idle process stops spinning within 200 µs.</summary>
    private static readonly long SpinTicks = System.Diagnostics.Stopwatch.Frequency / 5000;

    private static readonly object Gate = new();
    private static readonly SemaphoreSlim Wake = new(0);
    private static IPartWork? s_work;
    private static int s_job, s_parts, s_done, s_workers, s_sleepers;
    /// <summary>(job number &lt;&lt; 32) + parts handed out: a part's ticket names its job, so a worker that took a ticket
    /// from a job that has ended (or not yet begun) knows it and runs nothing.</summary>
    private static long s_ticket;

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
            s_done = 0;
            int job = s_job + 1;
            Volatile.Write(ref s_job, job);
            Interlocked.Exchange(ref s_ticket, (long)job << 32);     // published: parts can be taken from here on
            int sleepers = Volatile.Read(ref s_sleepers);
            if (sleepers > 0) Wake.Release(Math.Min(sleepers, helpers));
            Drain();
            var spin = new SpinWait();
            while (Volatile.Read(ref s_done) < parts) spin.SpinOnce(sleep1Threshold: -1);
            s_work = null;
        }
        finally
        {
            Monitor.Exit(Gate);
        }
    }

    /// <summary>Takes and runs parts of the current job until none is left. A ticket of the current job below its part
    /// count is a part no one else has; its job cannot end before the part is done (the caller waits for every part), so
    /// s_work and s_parts stay those of the ticket's job meanwhile.</summary>
    private static void Drain()
    {
        while (true)
        {
            long ticket = Interlocked.Increment(ref s_ticket);
            int job = (int)(ticket >> 32), part = (int)(ticket & 0xFFFF_FFFF) - 1;
            if (job != Volatile.Read(ref s_job) || part >= Volatile.Read(ref s_parts)) return;
            s_work!.RunPart(part);
            Interlocked.Increment(ref s_done);
        }
    }

    private static void EnsureWorkers(int count)
    {
        for (; s_workers < count; s_workers++)
            new Thread(Work) { IsBackground = true, Name = $"Backprop kernel worker {s_workers + 1}" }.Start();
    }

    private static void Work()
    {
        int seen = Volatile.Read(ref s_job);
        while (true)
        {
            // Watch for a new job for a while, then sleep until a caller wakes us (a spurious or stale wake just loops).
            // The caller publishes the job, then (after a full fence) reads s_sleepers; we count ourselves a sleeper,
            // then (after a full fence) read the job again: one of the two always sees the other.
            long deadline = System.Diagnostics.Stopwatch.GetTimestamp() + SpinTicks;
            while (Volatile.Read(ref s_job) == seen && System.Diagnostics.Stopwatch.GetTimestamp() < deadline) Thread.SpinWait(4);
            if (Volatile.Read(ref s_job) == seen)
            {
                Interlocked.Increment(ref s_sleepers);
                if (Volatile.Read(ref s_job) == seen) Wake.Wait();
                Interlocked.Decrement(ref s_sleepers);
            }
            seen = Volatile.Read(ref s_job);
            Drain();
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
