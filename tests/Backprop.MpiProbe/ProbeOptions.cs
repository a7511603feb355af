using System.Globalization;

namespace Backprop.MpiProbe;

/// <summary>The probe's flags.</summary>
internal sealed record ProbeOptions(string Type, int DieAt, string Workload, int Steps, int Threads)
{
    public static ProbeOptions Parse(string[] args)
    {
        var o = new ProbeOptions("float64", -1, "mnist-mlp", 40, 1);
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            string v = args[i + 1];
            o = args[i] switch
            {
                "--type" => o with { Type = v },
                "--die-at" => o with { DieAt = int.Parse(v, CultureInfo.InvariantCulture) },
                "--workload" => o with { Workload = v },
                "--steps" => o with { Steps = int.Parse(v, CultureInfo.InvariantCulture) },
                "--threads" => o with { Threads = int.Parse(v, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown flag {args[i]}"),
            };
        }
        return o;
    }
}
