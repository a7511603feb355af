using Backprop.Bench;

// Backprop.Bench: hand-written Stopwatch harnesses (faster to run than BenchmarkDotNet, same medians).
//   dotnet run -c Release --project bench/Backprop.Bench -- gemm [shape filter…]   GEMM GFLOP/s as CSV
// bench/run-gemm.sh runs it beside OpenBLAS (bench/gemm_openblas.py) and prints the comparison table.
var command = args.Length > 0 ? args[0] : "gemm";
switch (command)
{
    case "gemm":
        GemmBenchmark.Run(args.Skip(1).ToArray());
        return 0;
    default:
        Console.Error.WriteLine($"Backprop.Bench: unknown benchmark '{command}'; known: gemm");
        return 2;
}
