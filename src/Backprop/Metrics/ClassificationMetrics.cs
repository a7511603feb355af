namespace Backprop.Metrics;

/// <summary>Accuracy = (correct predictions)/m; per class c, precision = TP/(TP + FP), recall = TP/(TP + FN),
/// F1 = 2·precision·recall/(precision + recall), each 0 when its denominator is 0 (scikit-learn's zero_division=0).
/// With two classes <see cref="Precision"/>, <see cref="Recall"/> and <see cref="F1"/> are those of the positive class 1
/// (scikit-learn's average="binary"); with more they are macro averages, the unweighted mean of the per-class values
/// over the classes that occur in the actual or the predicted labels (scikit-learn's average="macro" with its default
/// labels, so a class absent from both does not count as a 0).</summary>
/// <param name="Accuracy">Fraction of examples whose predicted label equals the actual one.</param>
/// <param name="Precision">TP/(TP + FP) of class 1 (binary) or the macro average (multiclass).</param>
/// <param name="Recall">TP/(TP + FN) of class 1 (binary) or the macro average (multiclass).</param>
/// <param name="F1">Harmonic mean of precision and recall of class 1 (binary) or the mean of per-class F1 (multiclass).</param>
/// <param name="ConfusionMatrix">Counts [classes × classes]: row = actual class, column = predicted class.</param>
/// <param name="Classes">Number of classes (2 for binary).</param>
public sealed record ClassificationMetrics(double Accuracy, double Precision, double Recall, double F1, int[,] ConfusionMatrix, int Classes)
{
    /// <summary>Number of examples counted (the sum of the confusion matrix).</summary>
    public int Examples
    {
        get
        {
            int total = 0;
            foreach (int count in ConfusionMatrix) total += count;
            return total;
        }
    }

    /// <summary>The metrics of <paramref name="predicted"/> labels against <paramref name="actual"/> ones, each in [0, classes).</summary>
    public static ClassificationMetrics Compute(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual, int classes)
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "Classification needs at least 2 classes.");
        if (predicted.Length != actual.Length)
            throw new ArgumentException($"There are {predicted.Length} predicted labels but {actual.Length} actual ones.");
        if (actual.Length == 0) throw new ArgumentException("Metrics need at least one example.");
        var confusion = new int[classes, classes];
        int correct = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            int a = actual[i], p = predicted[i];
            if ((uint)a >= (uint)classes) throw new ArgumentException($"Actual label {a} at example {i} is outside [0, {classes}).");
            if ((uint)p >= (uint)classes) throw new ArgumentException($"Predicted label {p} at example {i} is outside [0, {classes}).");
            confusion[a, p]++;
            if (a == p) correct++;
        }
        double accuracy = (double)correct / actual.Length;
        if (classes == 2)
        {
            var (precision, recall, f1) = ClassScores(confusion, 1);
            return new ClassificationMetrics(accuracy, precision, recall, f1, confusion, classes);
        }
        double precisionSum = 0, recallSum = 0, f1Sum = 0;
        int counted = 0;
        for (int c = 0; c < classes; c++)
        {
            if (RowSum(confusion, c) == 0 && ColumnSum(confusion, c) == 0) continue; // absent from both label sets
            var (precision, recall, f1) = ClassScores(confusion, c);
            precisionSum += precision;
            recallSum += recall;
            f1Sum += f1;
            counted++;
        }
        return new ClassificationMetrics(accuracy, precisionSum / counted, recallSum / counted, f1Sum / counted, confusion, classes);
    }

    /// <summary>Precision, recall and F1 of class <paramref name="c"/> from the confusion matrix.</summary>
    private static (double Precision, double Recall, double F1) ClassScores(int[,] confusion, int c)
    {
        int truePositives = confusion[c, c];
        int predictedPositives = ColumnSum(confusion, c);
        int actualPositives = RowSum(confusion, c);
        double precision = predictedPositives == 0 ? 0 : (double)truePositives / predictedPositives;
        double recall = actualPositives == 0 ? 0 : (double)truePositives / actualPositives;
        // 2TP/(2TP + FP + FN) equals 2PR/(P + R) and is exact where P and R are not; its zero case is P + R = 0.
        int denominator = predictedPositives + actualPositives;
        double f1 = denominator == 0 ? 0 : 2.0 * truePositives / denominator;
        return (precision, recall, f1);
    }

    private static int RowSum(int[,] confusion, int row)
    {
        int sum = 0;
        for (int j = 0; j < confusion.GetLength(1); j++) sum += confusion[row, j];
        return sum;
    }

    private static int ColumnSum(int[,] confusion, int column)
    {
        int sum = 0;
        for (int i = 0; i < confusion.GetLength(0); i++) sum += confusion[i, column];
        return sum;
    }

    /// <summary>Equal when every number and every count of the confusion matrix is equal (not just the same array).</summary>
    public bool Equals(ClassificationMetrics? other) =>
        other is not null && Accuracy.Equals(other.Accuracy) && Precision.Equals(other.Precision) && Recall.Equals(other.Recall)
        && F1.Equals(other.F1) && Classes == other.Classes && ConfusionMatrix.Rank == other.ConfusionMatrix.Rank
        && ConfusionMatrix.GetLength(0) == other.ConfusionMatrix.GetLength(0) && ConfusionMatrix.GetLength(1) == other.ConfusionMatrix.GetLength(1)
        && ConfusionMatrix.Cast<int>().SequenceEqual(other.ConfusionMatrix.Cast<int>());

    public override int GetHashCode() => HashCode.Combine(Accuracy, Precision, Recall, F1, Classes, Examples);

    /// <summary>One line: accuracy, precision, recall and F1 (the confusion matrix is in <see cref="ConfusionMatrix"/>).</summary>
    public override string ToString() =>
        FormattableString.Invariant($"accuracy {Accuracy:0.####}, precision {Precision:0.####}, recall {Recall:0.####}, F1 {F1:0.####} ({Classes} classes, {Examples} examples)");
}
