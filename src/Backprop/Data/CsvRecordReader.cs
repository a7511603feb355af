using System.Text;

namespace Backprop.Data;

/// <summary>Splits text into records and fields as RFC 4180 says: fields separated by a separator, records by CRLF, LF or
/// CR; a field in double quotes may hold separators, line breaks and "" for one quote. Unquoted fields are trimmed; blank
/// lines are skipped. <see cref="Line"/> is the 1-based line on which the record just read starts.</summary>
internal sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private readonly string _fileName;
    private readonly char _separator;
    private readonly char[] _buffer = new char[1 << 16];
    private readonly StringBuilder _field = new();
    private int _position, _length;
    private int _line = 1;

    public CsvRecordReader(TextReader reader, string fileName, char separator)
    {
        if (separator is '"' or '\r' or '\n') throw new ArgumentException($"'{separator}' cannot separate fields.", nameof(separator));
        (_reader, _fileName, _separator) = (reader, fileName, separator);
    }

    /// <summary>The 1-based line number where the last record read begins.</summary>
    public int Line { get; private set; }

    /// <summary>Reads the next non-blank record into <paramref name="fields"/> (cleared first); false at the end.</summary>
    public bool TryRead(List<string> fields)
    {
        while (true)
        {
            fields.Clear();
            int c = Peek();
            if (c < 0) return false;
            Line = _line;
            bool blank = ReadRecord(fields);
            if (!blank) return true;
        }
    }

    /// <summary>Reads one record up to and including its line break; returns true when the line was blank.</summary>
    private bool ReadRecord(List<string> fields)
    {
        bool sawContent = false;
        while (true)
        {
            _field.Clear();
            bool quoted = false;
            int c;
            // Spaces before an opening quote are tolerated (unquoted fields are trimmed anyway).
            while ((c = Peek()) is ' ' or '\t' && c != _separator) Next();
            if (c == '"')
            {
                quoted = sawContent = true;
                Next();
                ReadQuoted();
                // After the closing quote only spaces, a separator, a line break or the end may follow.
                while ((c = Peek()) is ' ' or '\t' && c != _separator) Next();
            }
            else
            {
                while ((c = Peek()) >= 0 && c != _separator && c != '\r' && c != '\n')
                {
                    _field.Append((char)c);
                    Next();
                }
            }
            var text = quoted ? _field.ToString() : _field.ToString().Trim();
            if (!quoted && text.Length > 0) sawContent = true;
            fields.Add(text);
            if (c == _separator)
            {
                sawContent = true;
                Next();
                continue;
            }
            if (c < 0 || c == '\r' || c == '\n')
            {
                EndLine(c);
                return !sawContent;
            }
            throw new DataFormatException(_fileName, $"unexpected '{(char)c}' after the closing quote of field {fields.Count}; a quote inside a quoted field is written \"\"", _line);
        }
    }

    private void ReadQuoted()
    {
        int startLine = _line;
        while (true)
        {
            int c = Next();
            if (c < 0) throw new DataFormatException(_fileName, "a quoted field starting on this line is never closed", startLine);
            if (c == '"')
            {
                if (Peek() != '"') return;
                Next();
                _field.Append('"');
                continue;
            }
            _field.Append((char)c);
            if (c == '\r' || c == '\n')
            {
                if (c == '\r' && Peek() == '\n') _field.Append((char)Next());
                _line++;
            }
        }
    }

    private void EndLine(int c)
    {
        if (c < 0) return;
        Next();
        if (c == '\r' && Peek() == '\n') Next();
        _line++;
    }

    private int Peek()
    {
        if (_position == _length)
        {
            _length = _reader.Read(_buffer, 0, _buffer.Length);
            _position = 0;
            if (_length <= 0) { _length = 0; return -1; }
        }
        return _buffer[_position];
    }

    private int Next()
    {
        int c = Peek();
        if (c >= 0) _position++;
        return c;
    }
}
