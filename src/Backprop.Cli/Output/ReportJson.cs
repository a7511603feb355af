using System.Text.Json;
using System.Text.Json.Serialization;

namespace Backprop.Cli.Output;

/// <summary>How reports, metrics and checkpoints are written as JSON: a cost or metric that is not finite (a diverged
/// run's NaN, an infinite loss) is written as "NaN" / "Infinity" and read back, instead of failing the whole run at
/// its last step.</summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
}
