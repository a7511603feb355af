using Backprop.Compare;
using Backprop.Kernels;

// bench/compare runs this once per (workload, dtype, threads) and reads the one JSON line it prints.
//   Backprop.Compare run <workload> <float32|float64> <threads> [--data DIR]
//   Backprop.Compare profile <workload> <float32|float64> <threads> [--data DIR]   (a step's time by layer and GEMM)
//   Backprop.Compare export-cats <DIR> [--data DIR]      (the cat images as .npy for the Python peers; no h5py needed)
try
{
    var options = CommandLine.Parse(args);
    switch (options.Command)
    {
        case "export-cats":
            CatExport.Write(options.Target!, options.DataRoot);
            return 0;
        case "run":
            Gemm.MaxThreads = options.Threads;
            var result = options.Double ? Workloads.Run<double>(options) : Workloads.Run<float>(options);
            Console.WriteLine(result.ToJson());
            return 0;
        case "profile":
            Gemm.MaxThreads = options.Threads;
            if (options.Target == "char-gpt") TransformerProfile.Print(options);
            else if (ConvWorkloads.Names.Contains(options.Target)) { if (options.Double) ConvProfile.Print<double>(options); else ConvProfile.Print<float>(options); }
            else if (options.Double) StepProfile.Print<double>(options); else StepProfile.Print<float>(options);
            return 0;
        default:
            throw new UsageException($"unknown command '{options.Command}'");
    }
}
catch (UsageException e)
{
    Console.Error.WriteLine($"Backprop.Compare: {e.Message}");
    Console.Error.WriteLine("usage: Backprop.Compare run <" + string.Join("|", Workloads.Names) + "> <float32|float64> <threads> [--data DIR]");
    Console.Error.WriteLine("       Backprop.Compare profile <logistic|2-layer|L-layer|mnist-mlp|lenet-mnist|signs-convnet|cli-image|char-gpt> <float32|float64> <threads> [--data DIR]");
    Console.Error.WriteLine("       Backprop.Compare export-cats <DIR> [--data DIR]");
    return 2;
}
catch (Exception e) when (e is IOException or Backprop.Data.DataFormatException)
{
    Console.Error.WriteLine($"Backprop.Compare: {e.Message}");
    return 1;
}
