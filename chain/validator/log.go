package validator

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// NewLogger returns the logger a validator process logs with, as c says: text
// or JSON lines on w, at c.Level and above.
func NewLogger(w io.Writer, c LogConfig) (*slog.Logger, error) {
	setString(&c.Level, DefaultLogLevel)
	setString(&c.Format, DefaultLogFormat)
	level, err := parseLevel(c.Level)
	if err != nil {
		return nil, fmt.Errorf("%w: log.level: %v", ErrConfig, err)
	}
	opts := &slog.HandlerOptions{Level: level}
	switch c.Format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("%w: log.format: %q is not text or json", ErrConfig, c.Format)
}

func parseLevel(s string) (slog.Level, error) {
	switch strings.ToLower(s) {
	case "debug":
		return slog.LevelDebug, nil
	case "info":
		return slog.LevelInfo, nil
	case "warn":
		return slog.LevelWarn, nil
	case "error":
		return slog.LevelError, nil
	}
	return 0, fmt.Errorf("%q is not debug, info, warn or error", s)
}
