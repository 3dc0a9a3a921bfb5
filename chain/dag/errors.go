package dag

import "errors"

// Sentinel errors. Step returns them wrapped with the offending field; a message
// that fails changes no state.
var (
	// ErrInvalidBlock reports a block that fails a validity check.
	ErrInvalidBlock = errors.New("dag: invalid block")
	// ErrInvalidMessage reports a malformed message.
	ErrInvalidMessage = errors.New("dag: invalid message")
	// ErrWrongEpoch reports a block or message of another epoch.
	ErrWrongEpoch = errors.New("dag: wrong epoch")
	// ErrMempoolFull reports that Propose would exceed the pending-transaction bound.
	ErrMempoolFull = errors.New("dag: mempool full")
	// ErrConfig reports an invalid Config.
	ErrConfig = errors.New("dag: invalid config")
	// ErrIncompleteRecovery reports a Recovery that does not hold what
	// RecoverFrom needs (RawNode.RecoveryNeeds): the RawNode is spent, recover
	// a new one from every block of the epoch (Recover).
	ErrIncompleteRecovery = errors.New("dag: incomplete recovery")
	// ErrSafetyViolated reports that the commit rule found two blocks of one
	// slot committed: more than a third of the stake is faulty. The RawNode
	// stops committing and proposing (RawNode.Err), and Node.Run returns it:
	// an operator must look, as no automatic step can be trusted any more.
	ErrSafetyViolated = errors.New("dag: safety violated (more than f faulty)")
	// ErrLeft reports that this validator is not in the next epoch's
	// validator set: Node.Run returns it, wrapped, once the closing commit is
	// delivered. It ends the validator's part, not in failure: the
	// transactions it held but the closing commit does not order must be
	// handed to a validator of the next set (RawNode.Leave returns them;
	// chain/validator hands them off from its mempool WAL).
	ErrLeft = errors.New("dag: left the validator set")
)
