using Backprop.Data;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Models;

/// <summary>The character-level LSTM on the dinosaur names: a short run lowers the loss, samples read like names, and the
/// model file round-trips every recurrent layer.</summary>
public class CharacterModelTests
{
    [Fact]
    public void A_gpt_with_dropout_samples_in_evaluation_mode_so_the_same_context_gives_the_same_probabilities()
    {
        var model = CharacterModel.Transformer<double>(5, context: 6, width: 8, heads: 2, blocks: 1, dropout: 0.5, seed: 3);
        model.Initialize(Backprop.Initializers.Initializer.Xavier, new NumpyRandom(1));
        Assert.True(model.IsTraining); // as a module starts, and as Fit leaves it
        Assert.Contains(model.Layers, layer => layer is Dropout<double>);
        var first = TokenModel.NextProbabilities(model, 5, [1, 4, 2]);
        var second = TokenModel.NextProbabilities(model, 5, [1, 4, 2]);
        Assert.Equal(first, second); // training mode would draw a new dropout mask for each call
        Assert.Equal(1.0, first.Sum(), 1e-12);
        Assert.True(model.IsTraining, "the model's mode is restored");
        Assert.Equal(TokenModel.Sample(model, 5, new NumpyRandom(7), 0, null, 12, new TextSampling()),
            TokenModel.Sample(model, 5, new NumpyRandom(7), 0, null, 12, new TextSampling()));
    }

    [Fact]
    public void A_character_lstm_on_dinosaur_names_lowers_its_loss_and_samples_name_like_text()
    {
        var text = new CharacterText(File.ReadAllText(TestData.Fixture("course45/dinos.txt"))[..6000].ToLowerInvariant());
        var (x, y) = text.Windows<float>(24);
        var model = CharacterModel.Lstm<float>(text.Vocabulary.Length, 16, 64);
        var history = model.Fit(x, y, Loss.SoftmaxCrossEntropy, new Adam(0.01), TrainingOptions.MiniBatch(12, 32, new NumpyRandom(1)));
        double first = history.Epochs[0].Cost, last = history.Epochs[^1].Cost;
        Assert.True(last < 0.75 * first, $"loss {first} → {last}");
        Assert.True(last < 2.4, $"final loss {last} (uniform guessing is ln 27 = 3.3)");
        var random = new NumpyRandom(3);
        var names = Enumerable.Range(0, 10).Select(_ => CharacterModel.Sample(model, text.Vocabulary, random, '\n', '\n', 40)).ToList();
        Assert.All(names, n => Assert.All(n, c => Assert.InRange(c, 'a', 'z')));
        Assert.True(names.Count(n => n.Length is >= 3 and < 40) >= 7, string.Join(", ", names));
    }

    [Fact]
    public void A_whole_embedding_lstm_gru_dense_model_passes_the_course_gradient_check_with_softmax_cross_entropy()
    {
        var model = new Sequential<double>(new Backprop.Layers.Embedding<double>(5, 3), new Backprop.Layers.Lstm<double>(3, 4),
            new Backprop.Layers.Gru<double>(4, 3), new Dense<double>(3, 5, Backprop.Ops.Activations.Activation.Softmax));
        var x = Tensor<double>.FromArray([0, 4, 2, 3, 1, 1], 2, 3);
        var y = Tensor<double>.Zeros(2, 3, 5);
        int[] next = [4, 2, 3, 1, 1, 0];
        for (int i = 0; i < 6; i++) y.AsSpan()[i * 5 + next[i]] = 1;
        var result = GradientChecker.Check(model, x, y, Loss.SoftmaxCrossEntropy);
        Assert.True(result.Passes(1e-7), result.ToString());
    }

    [Fact]
    public void Recurrent_layers_and_embeddings_round_trip_through_a_model_file()
    {
        var model = new Sequential<double>(new Backprop.Layers.Embedding<double>(7, 3), new Backprop.Layers.Gru<double>(3, 4),
            new Backprop.Layers.SimpleRnn<double>(4, 5), new Backprop.Layers.Lstm<double>(5, 2, returnSequences: false));
        var path = Path.Combine(Path.GetTempPath(), $"rnn-{Guid.NewGuid():N}.bp");
        try
        {
            var x = Tensor<double>.FromArray([0, 6, 2, 3, 1, 5], 2, 3);
            var expected = model.Forward(x).ToArray();
            ModelFile.Save(path, model);
            var loaded = (Sequential<double>)ModelFile.Load<double>(path).Model;
            Assert.Equal(["E1", "Wx2", "Wh2", "bx2", "bh2", "Wx3", "Wh3", "b3", "Wx4", "Wh4", "b4"], loaded.Parameters.Select(p => p.Name));
            Assert.False(((Backprop.Layers.Lstm<double>)loaded.Layers[3]).ReturnSequences);
            Assert.Equal(expected, loaded.Forward(x).ToArray());
        }
        finally { File.Delete(path); }
    }
}
