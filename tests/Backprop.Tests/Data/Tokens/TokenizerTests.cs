using System.Text.Json;
using Backprop.Data;
using Backprop.Data.Tokens;

namespace Backprop.Tests.Data.Tokens;

/// <summary>The character and GPT-2 tokenizers: encode/decode round trips, GPT-2's own ids (offline, from the data
/// package), the compact vocabulary of the ids a text uses, its stored form, and the errors for what it cannot encode.</summary>
public class TokenizerTests
{
    private const string Text = "Hello world! The cat sat on the mat.\nHello again, world.\n";

    [Fact]
    public void Characters_round_trip_and_the_vocabulary_is_the_sorted_distinct_characters()
    {
        var tokenizer = CharTokenizer.Fit(Text);
        Assert.Equal(new string(Text.Distinct().Order().ToArray()), tokenizer.Vocabulary);
        var ids = tokenizer.Encode(Text);
        Assert.Equal(Text.Length, ids.Length);
        Assert.Equal(tokenizer.Vocabulary.IndexOf('H'), ids[0]);
        Assert.Equal(Text, tokenizer.Decode(ids));
        Assert.Equal(tokenizer.Vocabulary.IndexOf('\n'), tokenizer.IdOf("\n"));
        Assert.Null(tokenizer.IdOf("ab"));
        var e = Assert.Throws<ArgumentException>(() => tokenizer.Encode("Hez"));
        Assert.Equal("The character 'z' is not in the model's vocabulary.", e.Message);
    }

    [Fact]
    public void Gpt2_encodes_offline_with_gpt2s_own_ids()
    {
        // tiktoken's gpt2: "Hello" 15496, " world" 995, "!" 0, "\n" 198.
        Assert.Equal([15496, 995, 0, 198], Gpt2Tokenizer.EncodeFull("Hello world!\n"));
    }

    [Fact]
    public void Gpt2_keeps_only_the_ids_of_its_text_sorted_and_round_trips_it()
    {
        var tokenizer = Gpt2Tokenizer.Fit(Text);
        var full = Gpt2Tokenizer.EncodeFull(Text);
        Assert.Equal(full.Distinct().Order(), tokenizer.Gpt2Ids);
        Assert.True(tokenizer.VocabularySize < full.Count, "repeated tokens are kept once");
        var ids = tokenizer.Encode(Text);
        Assert.Equal(full.Count, ids.Length);
        Assert.All(ids, id => Assert.InRange(id, 0, tokenizer.VocabularySize - 1));
        Assert.Equal(full, ids.Select(id => tokenizer.Gpt2Ids[id]));
        Assert.Equal(Text, tokenizer.Decode(ids));
        Assert.Equal(tokenizer.Gpt2Ids.ToList().IndexOf(198), tokenizer.IdOf("\n"));
        Assert.Equal(0, tokenizer.Encode("!")[0]);    // GPT-2's "!" is id 0, the smallest, so it comes first
    }

    [Fact]
    public void A_stored_gpt2_vocabulary_restores_the_same_mapping()
    {
        var tokenizer = Gpt2Tokenizer.Fit(Text);
        Assert.Equal(JsonSerializer.Serialize(tokenizer.Gpt2Ids), tokenizer.VocabularyJson);
        var again = Tokenization.Restore("gpt2", tokenizer.VocabularyJson);
        Assert.IsType<Gpt2Tokenizer>(again);
        Assert.Equal(tokenizer.Encode(Text), again.Encode(Text));
        Assert.Equal("Hello world", again.Decode(tokenizer.Encode("Hello world")));
        var chars = Tokenization.Restore("char", CharTokenizer.Fit(Text).VocabularyJson);
        Assert.Equal(CharTokenizer.Fit(Text).Encode(Text), chars.Encode(Text));
    }

    [Fact]
    public void Text_with_a_gpt2_token_outside_the_compact_vocabulary_is_an_error_naming_the_token()
    {
        var tokenizer = Gpt2Tokenizer.Fit(Text);
        var e = Assert.Throws<ArgumentException>(() => tokenizer.Encode("Hello zebra"));
        Assert.Matches($@"^GPT-2 token \d+ \("" z[a-z]*""\) is not among the model's {tokenizer.VocabularySize} tokens \(those of its training text\)\.$", e.Message);
        Assert.Contains("GPT-2 token 338 (\"'s\")", Assert.Throws<ArgumentException>(() => tokenizer.Encode("Hello's")).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Decode([tokenizer.VocabularySize]));
    }

    [Fact]
    public void A_damaged_gpt2_vocabulary_or_an_unknown_kind_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new Gpt2Tokenizer([5, 3]));
        Assert.Throws<ArgumentException>(() => new Gpt2Tokenizer([3, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Gpt2Tokenizer([Gpt2Tokenizer.FullVocabularySize]));
        Assert.Throws<ArgumentException>(() => new Gpt2Tokenizer([]));
        Assert.Throws<JsonException>(() => Tokenization.Restore("gpt2", "\"abc\""));
        var e = Assert.Throws<ArgumentException>(() => Tokenization.Fit("bpe", Text));
        Assert.Contains("use char or gpt2", e.Message);
    }

    [Fact]
    public void Token_windows_pair_each_id_with_the_next_one_hot()
    {
        var text = new TokenText("gpt2", Text);
        var (x, y) = text.Windows<float>(4, ..);
        int v = text.Tokenizer.VocabularySize, n = (text.Ids.Length - 1) / 4;
        Assert.Equal([n, 4], x.Shape.ToArray());
        Assert.Equal([n, 4, v], y.Shape.ToArray());
        for (int i = 0; i < n * 4; i++)
        {
            Assert.Equal(text.Ids[i], (int)x.AsReadOnlySpan()[i]);
            Assert.Equal(1f, y.AsReadOnlySpan()[i * v + text.Ids[i + 1]]);
            Assert.Equal(1f, y.AsReadOnlySpan().Slice(i * v, v).ToArray().Sum());
        }
    }

    [Fact]
    public void Character_text_is_the_token_text_of_a_character_tokenizer()
    {
        var characters = new CharacterText(Text.Replace("\n", "\r\n"));
        var tokens = new TokenText("char", Text);
        Assert.Equal(Text, characters.Text);
        Assert.Equal(((CharTokenizer)tokens.Tokenizer).Vocabulary, characters.Vocabulary);
        var (a, b) = (characters.Windows<float>(8), tokens.Windows<float>(8, ..));
        Assert.Equal(b.X.AsReadOnlySpan().ToArray(), a.X.AsReadOnlySpan().ToArray());
        Assert.Equal(b.Y.AsReadOnlySpan().ToArray(), a.Y.AsReadOnlySpan().ToArray());
    }
}
