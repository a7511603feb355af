namespace Backprop.Metrics;

/// <summary>MSE = (1/n) Σ (ŷ − y)², MAE = (1/n) Σ |ŷ − y| and R² = 1 − SS_res/SS_tot with SS_res = Σ (y − ŷ)² and
/// SS_tot = Σ (y − ȳ)². When the targets are constant (SS_tot = 0), R² is 1 for a perfect prediction and 0 otherwise
/// (scikit-learn's r2_score with force_finite=True), so the value is always finite. With several outputs, MSE and MAE
/// run over all entries and R² is the mean of the per-output R² (scikit-learn's multioutput="uniform_average").</summary>
/// <param name="Mse">Mean squared error.</param>
/// <param name="Mae">Mean absolute error.</param>
/// <param name="R2">Coefficient of determination; 1 is perfect, 0 is no better than predicting the mean, and it can be negative.</param>
public sealed record RegressionMetrics(double Mse, double Mae, double R2)
{
    /// <summary>√MSE, in the units of the target.</summary>
    public double Rmse => Math.Sqrt(Mse);

    /// <summary>The metrics of one output: <paramref name="predicted"/> ŷ against <paramref name="actual"/> y.</summary>
    public static RegressionMetrics Compute(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual) =>
        Compute(predicted, actual, 1);

    /// <summary>The metrics of <paramref name="outputs"/> outputs stored row-major, one example per row [m × outputs].</summary>
    public static RegressionMetrics Compute(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual, int outputs)
    {
        if (outputs < 1) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "Regression needs at least one output.");
        if (predicted.Length != actual.Length)
            throw new ArgumentException($"There are {predicted.Length} predicted values but {actual.Length} actual ones.");
        if (actual.Length == 0) throw new ArgumentException("Metrics need at least one example.");
        if (actual.Length % outputs != 0)
            throw new ArgumentException($"{actual.Length} values do not split into rows of {outputs} outputs.");
        int m = actual.Length / outputs;
        double squared = 0, absolute = 0, r2Sum = 0;
        for (int k = 0; k < outputs; k++)
        {
            double mean = 0;
            for (int i = 0; i < m; i++) mean += actual[i * outputs + k];
            mean /= m;
            double residual = 0, total = 0, absoluteK = 0;
            for (int i = 0; i < m; i++)
            {
                double y = actual[i * outputs + k], error = y - predicted[i * outputs + k];
                residual += error * error;
                absoluteK += Math.Abs(error);
                total += (y - mean) * (y - mean);
            }
            squared += residual;
            absolute += absoluteK;
            r2Sum += total == 0 ? (residual == 0 ? 1 : 0) : 1 - residual / total;
        }
        return new RegressionMetrics(squared / actual.Length, absolute / actual.Length, r2Sum / outputs);
    }

    public override string ToString() => FormattableString.Invariant($"MSE {Mse:G6}, MAE {Mae:G6}, R² {R2:0.####}");
}
