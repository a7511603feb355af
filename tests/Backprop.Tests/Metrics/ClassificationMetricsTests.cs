using Backprop.Metrics;

namespace Backprop.Tests.Metrics;

public class ClassificationMetricsTests
{
    [Fact]
    public void A_binary_confusion_matrix_worked_by_hand_gives_accuracy_precision_recall_and_F1_of_class_1()
    {
        // pairs (actual, predicted): (1,1) (1,0) (1,1) (0,0) (0,1) (0,0) (1,1) (0,1) → TP 3, FN 1, FP 2, TN 2.
        int[] actual = [1, 1, 1, 0, 0, 0, 1, 0];
        int[] predicted = [1, 0, 1, 0, 1, 0, 1, 1];

        var metrics = ClassificationMetrics.Compute(predicted, actual, 2);

        Assert.Equal(new int[,] { { 2, 2 }, { 1, 3 } }, metrics.ConfusionMatrix); // rows actual, columns predicted
        Assert.Equal(5.0 / 8, metrics.Accuracy, 15);
        Assert.Equal(3.0 / 5, metrics.Precision, 15);
        Assert.Equal(3.0 / 4, metrics.Recall, 15);
        Assert.Equal(2.0 / 3, metrics.F1, 15); // 2·0.6·0.75/(0.6 + 0.75) = 2TP/(2TP + FP + FN) = 6/9
        Assert.Equal(2, metrics.Classes);
        Assert.Equal(8, metrics.Examples);
    }

    [Fact]
    public void Multiclass_precision_recall_and_F1_are_macro_averages_of_the_per_class_values()
    {
        // Confusion (rows actual): [[2,1,0],[0,1,1],[1,1,2]].
        // class 0: P 2/3, R 2/3, F1 2/3;  class 1: P 1/3, R 1/2, F1 2/5;  class 2: P 2/3, R 1/2, F1 4/7.
        int[] actual = [0, 0, 0, 1, 1, 2, 2, 2, 2];
        int[] predicted = [0, 1, 0, 1, 2, 2, 2, 0, 1];

        var metrics = ClassificationMetrics.Compute(predicted, actual, 3);

        Assert.Equal(new int[,] { { 2, 1, 0 }, { 0, 1, 1 }, { 1, 1, 2 } }, metrics.ConfusionMatrix);
        Assert.Equal(5.0 / 9, metrics.Accuracy, 15);
        Assert.Equal(5.0 / 9, metrics.Precision, 15);
        Assert.Equal(5.0 / 9, metrics.Recall, 15);
        // The mean of per-class F1 (scikit-learn's macro F1), not the F1 of the macro precision and recall (which is 5/9).
        Assert.Equal((2.0 / 3 + 2.0 / 5 + 4.0 / 7) / 3, metrics.F1, 15);
        Assert.Equal(172.0 / 315, metrics.F1, 15);
    }

    [Fact]
    public void A_class_absent_from_both_label_sets_does_not_drag_the_macro_average_down()
    {
        int[] actual = [0, 0, 0, 1, 1, 2, 2, 2, 2];
        int[] predicted = [0, 1, 0, 1, 2, 2, 2, 0, 1];

        var three = ClassificationMetrics.Compute(predicted, actual, 3);
        var four = ClassificationMetrics.Compute(predicted, actual, 4);

        Assert.Equal(4, four.ConfusionMatrix.GetLength(0));
        Assert.Equal(three.Precision, four.Precision, 15);
        Assert.Equal(three.Recall, four.Recall, 15);
        Assert.Equal(three.F1, four.F1, 15);
    }

    [Fact]
    public void A_class_that_is_never_predicted_has_precision_0_like_zero_division_0()
    {
        var metrics = ClassificationMetrics.Compute([0, 0, 0], [1, 0, 1], 2);

        Assert.Equal(1.0 / 3, metrics.Accuracy, 15);
        Assert.Equal(0, metrics.Precision);
        Assert.Equal(0, metrics.Recall);
        Assert.Equal(0, metrics.F1);
    }

    [Fact]
    public void With_no_positives_anywhere_precision_recall_and_F1_are_0_and_accuracy_is_1()
    {
        var metrics = ClassificationMetrics.Compute([0, 0], [0, 0], 2);

        Assert.Equal(1, metrics.Accuracy);
        Assert.Equal(0, metrics.Precision);
        Assert.Equal(0, metrics.Recall);
        Assert.Equal(0, metrics.F1);
    }

    [Fact]
    public void A_multiclass_class_predicted_but_never_actual_counts_with_recall_0()
    {
        // class 2 is predicted once but never occurs: P 0, R 0 (no actual 2s), F1 0. Classes 0, 1 are perfect otherwise.
        var metrics = ClassificationMetrics.Compute([0, 1, 2], [0, 1, 1], 3);

        Assert.Equal((1 + 1 + 0) / 3.0, metrics.Precision, 15); // class 1: 1 of 1 predicted 1s is right
        Assert.Equal((1 + 0.5 + 0) / 3.0, metrics.Recall, 15);
        Assert.Equal((1 + 2.0 / 3 + 0) / 3.0, metrics.F1, 15);
    }

    [Fact]
    public void Perfect_predictions_score_1_everywhere()
    {
        var metrics = ClassificationMetrics.Compute([0, 2, 1, 2], [0, 2, 1, 2], 3);

        Assert.Equal(1, metrics.Accuracy);
        Assert.Equal(1, metrics.Precision);
        Assert.Equal(1, metrics.Recall);
        Assert.Equal(1, metrics.F1);
    }

    [Fact]
    public void Metrics_with_the_same_counts_are_equal_records()
    {
        var a = ClassificationMetrics.Compute([1, 0, 1], [1, 1, 0], 2);
        var b = ClassificationMetrics.Compute([1, 0, 1], [1, 1, 0], 2);
        var c = ClassificationMetrics.Compute([1, 1, 1], [1, 1, 0], 2);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.Contains("accuracy 0.3333", a.ToString());
    }

    [Fact]
    public void Bad_inputs_are_refused_with_a_message_that_names_the_problem()
    {
        Assert.Contains("outside [0, 2)", Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute([0, 2], [0, 1], 2)).Message);
        Assert.Contains("Actual label -1", Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute([0, 1], [0, -1], 2)).Message);
        Assert.Contains("3 predicted labels but 2", Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute([0, 1, 1], [0, 1], 2)).Message);
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute([], [], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationMetrics.Compute([0], [0], 1));
    }
}
