using Backprop.Distributed;
using Backprop.MpiProbe;

// backprop-mpi-probe MODE OUT [options]: see Probe. Every rank runs this; each writes only its own files.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Backprop.MpiProbe equal|die|scale OUT [--type float32|float64] [--die-at STEP] [--workload mnist-mlp|L-layer] [--steps K] [--threads T]");
    return 2;
}
ICommunicator? communicator = null;
try
{
    communicator = DataParallel.Mpi();
    int code = Probe.Run(args[0], args[1], ProbeOptions.Parse(args[2..]), communicator);
    communicator.Dispose();
    return code;
}
catch (Exception e)
{
    Console.Error.WriteLine($"probe: rank {communicator?.Rank.ToString() ?? "?"}: {e.GetType().Name}: {e.Message}");
    communicator?.Abort(1); // the others are waiting in a collective: end the job rather than hang
    return 1;
}
