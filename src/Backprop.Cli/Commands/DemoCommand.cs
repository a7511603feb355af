using System.CommandLine;
using Backprop.Cli.Demos;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop demo NAME</c>: the course notes' experiments, measured on this machine. Each prints what the notes
/// claim beside what it measured, and writes its picture into <c>--out</c> (default: the current folder).</summary>
public static class DemoCommand
{
    public static Command Create() => new("demo", "The course notes' experiments, measured here: vectorization, scale, init, activations, graph.")
    {
        VectorizationDemo.Create(),
        ScaleDemo.Create(),
        InitDemo.Create(),
        ActivationsDemo.Create(),
        GraphDemo.Create(),
    };
}
