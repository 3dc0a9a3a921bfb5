package depin

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/depinkit/depinkit/chain"
	"github.com/depinkit/depinkit/chain/evm"
	"github.com/depinkit/depinkit/chain/validator"
	"github.com/depinkit/depinkit/device"
	"github.com/depinkit/depinkit/subnet"
)

// maxQueryBody bounds a query answer a Remote reads.
const maxQueryBody = 8 << 20

// RemoteConfig configures DialRemote.
type RemoteConfig struct {
	// Spec is the subnet; its validators' api addresses are where Remote
	// sends envelopes and transactions and asks its queries.
	Spec *subnet.Spec
	// Deployment is where the subnet settles (the file "subnet up" wrote).
	// Nil: no settlement (WaitSettled and Claim fail with ErrNoSettlement).
	Deployment *subnet.Deployment
	// Payer is the parent-chain account Claim sends claims from (any funded
	// account: the tokens go to the claimant). Required with a Deployment.
	Payer *device.PrivateKey
	// HTTPClient is used for every call. Default: a client with a 10 s
	// timeout.
	HTTPClient *http.Client
}

// Remote drives a subnet whose validators run as processes (RunValidator,
// "depinkit subnet up"), through their APIs and the parent chain: what
// Network does in one process. Its methods are safe for concurrent use.
type Remote struct {
	spec    *subnet.Spec
	apis    []string
	clients []*validator.Client
	hc      *http.Client
	payer   *evm.Settler
	subnet  evm.SubnetID
	network [32]byte
	next    atomic.Uint64
}

// DialRemote connects to a running subnet. It does not wait for the
// validators: WaitReady does.
func DialRemote(ctx context.Context, rc RemoteConfig) (*Remote, error) {
	if rc.Spec == nil {
		return nil, fmt.Errorf("%w: RemoteConfig.Spec is required", ErrConfig)
	}
	r := &Remote{spec: rc.Spec, hc: rc.HTTPClient}
	cfg, err := ConfigFromSpec(rc.Spec, nil)
	if err != nil {
		return nil, err
	}
	r.network = cfg.Genesis()
	if r.hc == nil {
		r.hc = &http.Client{Timeout: 10 * time.Second}
	}
	for _, v := range rc.Spec.Validators {
		r.apis = append(r.apis, v.API)
		r.clients = append(r.clients, validator.NewClient(v.API, r.hc))
	}
	if d := rc.Deployment; d != nil {
		if rc.Payer == nil {
			return nil, fmt.Errorf("%w: RemoteConfig.Payer is required with a Deployment", ErrConfig)
		}
		s, err := evm.Dial(ctx, d.RPC, rc.Payer)
		if err != nil {
			return nil, err
		}
		s.SetPollInterval(50 * time.Millisecond)
		r.payer, r.subnet = s.WithAddresses(d.Contracts), d.SubnetID()
	}
	return r, nil
}

// Network returns the network devices seal for: the subnet's genesis hash
// (Node.Network), as the spec gives it.
func (r *Remote) Network() [32]byte { return r.network }

// Validators returns the number of validators.
func (r *Remote) Validators() int { return len(r.apis) }

// Subnet returns the subnet's id on the parent chain (zero without a
// Deployment).
func (r *Remote) Subnet() evm.SubnetID { return r.subnet }

// Payer returns the Settler claims are sent from (nil without a
// Deployment): it also reads the parent chain.
func (r *Remote) Payer() *evm.Settler { return r.payer }

// WaitReady waits until every validator answers GET /depin/status and has
// its n-1 peers.
func (r *Remote) WaitReady(ctx context.Context) error {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		ready := true
		for i, c := range r.clients {
			st, err := c.Status(ctx)
			if err != nil || st.Peers < len(r.clients)-1 {
				ready = false
				break
			}
			if _, err := r.Status(ctx, i); err != nil {
				ready = false
				break
			}
		}
		if ready {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("depin: waiting for the validators: %w", ctx.Err())
		case <-t.C:
		}
	}
}

// Submit sends an envelope to a validator's ingest address (POST
// /envelopes): the same validator for every envelope of a device, so that a
// device's envelopes commit in the order they were submitted; the devices
// spread over the validators. An error wrapping chain.ErrInvalidTx is a
// refusal (malformed, too large; also ErrNotAdmitted when the device checks
// refused it); one wrapping ErrLimited says to retry later.
func (r *Remote) Submit(ctx context.Context, envelope []byte) error {
	i := validatorFor(envelope, len(r.apis), &r.next)
	ingest := r.spec.Validators[i].Ingest
	if ingest == "" {
		return fmt.Errorf("%w: validators[%d] (%s) has no ingest address", ErrConfig, i, r.spec.Validators[i].Name)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+ingest+"/envelopes", bytes.NewReader(envelope))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", MediaCOSE)
	resp, err := r.hc.Do(req)
	if err != nil {
		return fmt.Errorf("depin: submit to %s: %w", r.spec.Validators[i].Name, err)
	}
	defer resp.Body.Close()
	var st IngestStatus
	_ = json.NewDecoder(io.LimitReader(resp.Body, 64<<10)).Decode(&st)
	switch resp.StatusCode {
	case http.StatusAccepted:
		return nil
	case http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType:
		return fmt.Errorf("%w: %s: %s", chain.ErrInvalidTx, st.Reason, st.Error)
	case http.StatusForbidden:
		return fmt.Errorf("%w: %w: %s: %s", chain.ErrInvalidTx, ErrNotAdmitted, st.Reason, st.Error)
	case http.StatusTooManyRequests:
		return fmt.Errorf("%w: %s: retry after %ss: %s", ErrLimited, r.spec.Validators[i].Name, resp.Header.Get("Retry-After"), st.Error)
	default:
		return fmt.Errorf("depin: submit to %s: %s: %s", r.spec.Validators[i].Name, resp.Status, st.Error)
	}
}

// SubmitTx sends transactions (RegisterTx...) to validator i's POST /txs,
// in one request. The first refusal is the error; one wrapping
// chain.ErrInvalidTx says the transaction is malformed.
func (r *Remote) SubmitTx(ctx context.Context, i int, txs ...chain.Tx) error {
	i %= len(r.clients)
	resp, err := r.clients[i].Submit(ctx, txs...)
	if err != nil {
		return err
	}
	if len(resp.Rejected) > 0 {
		return fmt.Errorf("depin: validator %s: %w", r.spec.Validators[i].Name, resp.Rejected[0].Err())
	}
	return nil
}

// maxBatch is the most envelopes SubmitBatch sends in one request.
const maxBatch = 1000

// SubmitBatch sends envelopes as transactions (EnvelopeTx) through the
// validators' POST /txs, up to a thousand in a request: what Submit does one
// request per envelope, each device's envelopes to one validator in the
// order given (validatorFor). An error wrapping chain.ErrInvalidTx is a
// refusal.
func (r *Remote) SubmitBatch(ctx context.Context, envelopes [][]byte) error {
	for _, e := range envelopes {
		if len(e) > device.MaxEnvelopeSize {
			return fmt.Errorf("%w: %w: envelope of %d bytes, at most %d", chain.ErrInvalidTx, ErrTooLarge, len(e), device.MaxEnvelopeSize)
		}
	}
	for i, envs := range byValidator(envelopes, len(r.clients), &r.next) {
		for len(envs) > 0 {
			n := min(len(envs), maxBatch)
			txs := make([]chain.Tx, n)
			for k, e := range envs[:n] {
				tx, err := EnvelopeTx(e)
				if err != nil {
					return fmt.Errorf("%w: %w", chain.ErrInvalidTx, err)
				}
				txs[k] = tx
			}
			if err := r.SubmitTx(ctx, i, txs...); err != nil {
				return err
			}
			envs = envs[n:]
		}
	}
	return nil
}

// Provision certifies a device with maker (Certify), registers it and waits
// until every validator has it.
func (r *Remote) Provision(ctx context.Context, maker, dev, owner device.Signer, model, serial string, capabilities ...string) error {
	cert, binding, err := Certify(maker, device.ForNetwork(dev, r.network), owner, time.Now(), model, serial, capabilities...)
	if err != nil {
		return err
	}
	tx, err := RegisterTx(cert, binding)
	if err != nil {
		return err
	}
	if err := r.SubmitTx(ctx, int(r.next.Add(1)), tx); err != nil {
		return err
	}
	return r.waitDevice(ctx, cert.ID())
}

// Device returns validator i's record of a device (an error wrapping
// ErrNotFound if it has none).
func (r *Remote) Device(ctx context.Context, i int, id device.ID) (DeviceView, error) {
	var v DeviceView
	err := r.get(ctx, i, "/depin/devices/"+id.String(), &v)
	return v, err
}

// waitDevice waits until every validator has device id.
func (r *Remote) waitDevice(ctx context.Context, id device.ID) error {
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for i := range r.apis {
		for {
			_, err := r.Device(ctx, i, id)
			if err == nil {
				break
			}
			if !errors.Is(err, ErrNotFound) {
				return err
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("depin: waiting for device %s: %w", id, ctx.Err())
			case <-t.C:
			}
		}
	}
	return nil
}

// Status returns validator i's GET /depin/status.
func (r *Remote) Status(ctx context.Context, i int) (StatusView, error) {
	var s StatusView
	err := r.get(ctx, i, "/depin/status", &s)
	return s, err
}

// Set returns validator i's view of the validator set of the open epoch
// and of the changes under way (GET /depin/validators, which RunValidator
// serves).
func (r *Remote) Set(ctx context.Context, i int) (SetView, error) {
	var v SetView
	err := r.get(ctx, i%len(r.apis), SetPath, &v)
	return v, err
}

// Approve signs validator i's approval of a validator-set change with its
// consensus key (subnet.SignChange, for the spec's genesis) and submits it
// to validator i's API, as Node.ApproveChangeTx and SubmitTx do in one
// process. change.Epoch must be the open epoch (Set); the first approval
// proposes the change. The approval is counted, or rejected, when it is
// committed: Set shows it pending or queued.
func (r *Remote) Approve(ctx context.Context, i int, key ed25519.PrivateKey, change subnet.Change) error {
	if i < 0 || i >= len(r.clients) {
		return fmt.Errorf("%w: no validator %d", ErrConfig, i)
	}
	a, err := subnet.SignChange(r.network, chain.NewKeySigner(key), change)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	tx, err := ChangeTx(a)
	if err != nil {
		return err
	}
	return r.SubmitTx(ctx, i, tx)
}

// Epoch returns validator i's summary of an epoch (open or kept).
func (r *Remote) Epoch(ctx context.Context, i int, epoch uint64) (EpochSummary, error) {
	var s EpochSummary
	err := r.get(ctx, i, fmt.Sprintf("/depin/epochs/%d", epoch), &s)
	return s, err
}

// Payouts returns validator i's payouts of a closed epoch.
func (r *Remote) Payouts(ctx context.Context, i int, epoch uint64) ([]Payout, error) {
	var p []Payout
	err := r.get(ctx, i, fmt.Sprintf("/depin/epochs/%d/payouts", epoch), &p)
	return p, err
}

// Explain returns validator i's explanation of a device's epoch.
func (r *Remote) Explain(ctx context.Context, i int, id device.ID, epoch uint64) (Explanation, error) {
	var x ExplainView
	err := r.get(ctx, i, fmt.Sprintf("/depin/explain/%s/%d", id, epoch), &x)
	return x.Explanation, err
}

// WaitEpoch waits until every validator has closed epoch and returns their
// summaries.
func (r *Remote) WaitEpoch(ctx context.Context, epoch uint64) ([]EpochSummary, error) {
	out := make([]EpochSummary, len(r.apis))
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for i := range r.apis {
		for {
			s, err := r.Epoch(ctx, i, epoch)
			if err == nil && !s.Open {
				out[i] = s
				break
			}
			if err != nil && !errors.Is(err, ErrUnknownEpoch) {
				return nil, err
			}
			select {
			case <-ctx.Done():
				return nil, fmt.Errorf("depin: waiting for epoch %d: %w", epoch, ctx.Err())
			case <-t.C:
			}
		}
	}
	return out, nil
}

// WaitSettled waits until a closed epoch's root (if it pays anyone) and its
// checkpoint are on the parent chain.
func (r *Remote) WaitSettled(ctx context.Context, epoch uint64) error {
	if r.payer == nil {
		return ErrNoSettlement
	}
	sums, err := r.WaitEpoch(ctx, epoch)
	if err != nil {
		return err
	}
	return waitSettled(ctx, r.payer, r.subnet, sums[0])
}

// ClaimOf returns validator i's claim of account's reward of a closed
// epoch: the amount and its Merkle proof (GET /depin/claims/...).
func (r *Remote) ClaimOf(ctx context.Context, i int, epoch uint64, account common.Address) (evm.EpochClaim, error) {
	var c evm.EpochClaim
	err := r.get(ctx, i, fmt.Sprintf("/depin/claims/%d/%s", epoch, account.Hex()), &c)
	return c, err
}

// Query reads validator i's JSON answer to GET path into v: the endpoints
// a vertical adds (ProcessConfig.Handlers). A 404 wraps ErrNotFound.
func (r *Remote) Query(ctx context.Context, i int, path string, v any) error {
	return r.get(ctx, i%len(r.apis), path, v)
}

// Claim claims account's reward of a settled epoch on the parent chain with
// the proof validator 0 serves, sent by the payer (the tokens go to
// account).
func (r *Remote) Claim(ctx context.Context, epoch uint64, account common.Address) (evm.EpochClaim, error) {
	if r.payer == nil {
		return evm.EpochClaim{}, ErrNoSettlement
	}
	c, err := r.ClaimOf(ctx, 0, epoch, account)
	if err != nil {
		return evm.EpochClaim{}, err
	}
	if _, err := r.payer.Claim(ctx, r.subnet, account, c); err != nil {
		return evm.EpochClaim{}, err
	}
	return c, nil
}

// Close closes the parent chain connection.
func (r *Remote) Close() error {
	if r.payer != nil {
		return r.payer.Close()
	}
	return nil
}

// get reads a JSON answer of validator i; 404 wraps ErrUnknownEpoch for an
// epoch path and ErrNotFound otherwise.
func (r *Remote) get(ctx context.Context, i int, path string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+r.apis[i]+path, nil)
	if err != nil {
		return err
	}
	resp, err := r.hc.Do(req)
	if err != nil {
		return fmt.Errorf("depin: %s: %w", r.spec.Validators[i].Name, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxQueryBody))
	if err != nil {
		return fmt.Errorf("depin: %s: GET %s: %w", r.spec.Validators[i].Name, path, err)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct{ Error string }
		_ = json.Unmarshal(body, &e)
		switch {
		case resp.StatusCode == http.StatusNotFound && strings.Contains(e.Error, ErrUnknownEpoch.Error()):
			return fmt.Errorf("%w: %s", ErrUnknownEpoch, e.Error)
		case resp.StatusCode == http.StatusNotFound:
			return fmt.Errorf("%w: %s", ErrNotFound, e.Error)
		}
		return fmt.Errorf("depin: %s: GET %s: %s: %s", r.spec.Validators[i].Name, path, resp.Status, e.Error)
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("depin: %s: GET %s: %w", r.spec.Validators[i].Name, path, err)
	}
	return nil
}
