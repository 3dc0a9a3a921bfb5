package transport

import "fmt"

// Defaults of Config.
const (
	// DefaultMaxMessageSize holds a largest block of chain/dag (4 MiB, its
	// DefaultLimits) with room to spare.
	DefaultMaxMessageSize = 8 << 20
	// DefaultInboxSize is the capacity of Inbox.
	DefaultInboxSize = 4096
	// DefaultEventBuffer is the capacity of PeerEvents.
	DefaultEventBuffer = 256
	// HardMaxMessageSize is the largest MaxMessageSize a Config accepts.
	HardMaxMessageSize = 1 << 30
)

// Config holds the settings every implementation takes (embedded in its own
// config). The zero value is valid: zero fields take the defaults.
type Config struct {
	// MaxMessageSize bounds every message, request and response, in bytes:
	// larger ones are refused on the way out (ErrTooLarge) and dropped on the way
	// in (counted). Default DefaultMaxMessageSize; at most HardMaxMessageSize.
	MaxMessageSize int
	// InboxSize is the capacity of Inbox, in messages. Default
	// DefaultInboxSize.
	InboxSize int
	// InboxPeerBytes bounds the bytes of the messages of one sender waiting in
	// Inbox: what would pass it is dropped (and counted as DroppedFull), so
	// that a flooding peer holds at most this much of the receiver's memory.
	// Default 2 x MaxMessageSize; at least MaxMessageSize. transport/p2p
	// enforces it (PeerInbox); transport/mem, a test network, bounds its inbox
	// in messages only.
	InboxPeerBytes int
	// EventBuffer is the capacity of PeerEvents. Default DefaultEventBuffer.
	EventBuffer int
}

// Validate fills zero fields with their defaults and rejects negative or
// oversized values with an error wrapping ErrConfig.
func (c *Config) Validate() error {
	switch {
	case c.MaxMessageSize < 0 || c.MaxMessageSize > HardMaxMessageSize:
		return fmt.Errorf("%w: MaxMessageSize %d, want 0 to %d", ErrConfig, c.MaxMessageSize, HardMaxMessageSize)
	case c.InboxSize < 0:
		return fmt.Errorf("%w: InboxSize %d is negative", ErrConfig, c.InboxSize)
	case c.EventBuffer < 0:
		return fmt.Errorf("%w: EventBuffer %d is negative", ErrConfig, c.EventBuffer)
	case c.InboxPeerBytes < 0:
		return fmt.Errorf("%w: InboxPeerBytes %d is negative", ErrConfig, c.InboxPeerBytes)
	}
	if c.MaxMessageSize == 0 {
		c.MaxMessageSize = DefaultMaxMessageSize
	}
	if c.InboxSize == 0 {
		c.InboxSize = DefaultInboxSize
	}
	if c.EventBuffer == 0 {
		c.EventBuffer = DefaultEventBuffer
	}
	if c.InboxPeerBytes == 0 {
		c.InboxPeerBytes = 2 * c.MaxMessageSize
	}
	if c.InboxPeerBytes < c.MaxMessageSize {
		return fmt.Errorf("%w: InboxPeerBytes %d is below MaxMessageSize %d: the largest messages could never arrive", ErrConfig, c.InboxPeerBytes, c.MaxMessageSize)
	}
	return nil
}
