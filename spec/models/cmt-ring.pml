/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CMT ring lifecycle model (spec/cmt.md §9).
 *
 * N meters, M = 2^2. Joins, leaves, failures, recoveries, LC self-election (two LCs may elect
 * themselves when announcements are lost), LC rotation, lost and duplicated messages (a late
 * duplicate of an old group key or an old ciphertext is delivered after newer ones), rounds with
 * ring deltas sent in parallel, the supplier's deadline and the LC's re-registration after a
 * broken ring. Faults draw from a finite budget, so after the last fault delivery is reliable:
 * that is the fair-delivery assumption of the liveness claim.
 *
 * Abstractions: tokens are meter indices, so a meter holds one ring position (spec/cmt.md §3.3
 * step 3 makes the LC keep that invariant) and m_min counts meters; k_i1 and deltas are
 * nondeterministic values in Z_M (the PRF's ideal functionality); readings are nondeterministic in
 * {0, 1}; the ring order is index order among the keyed members (the LC's random order does not
 * affect the claims).
 *
 * Insider: a licensed member that is not the LC may send another member an LcHandover naming it
 * (drawn from the fault budget). The receiver applies the sender rule of spec/cmt.md §11.1 (a):
 * it takes the LC role only from the LC it follows. Compiled with -DNO_SENDER_RULE the receiver
 * takes it from anyone, and the S3 monitor finds two LCs although no announcement was lost
 * (check.sh runs that as a negative check).
 *
 * Claims (spec/cmt.md §9):
 *   S1 (assert): a decrypted sum equals the sum of the readings of the supplier's key members.
 *   S2 (assert): sum of k_ij over the ring equals K whenever a round is decrypted.
 *   S3 (ltl stable_one_lc): once no announcement is lost or in flight, at most one LC.
 *   S3' (ltl converge): two LCs always become one again (hand-over and merge).
 *   L1 (ltl live): under the finite-fault (fair delivery) assumption, while at least m_min meters
 *      are live members, rounds are eventually exact forever.
 */
#define N 3
#define M 4
#define MASK 3
#ifndef FAULTS
#define FAULTS 2
#endif
#ifndef EVENTS
#define EVENTS 2
#endif
#define MAXEPOCH 12
/* at least m_min (2) live members: below it no group is keyed and no round can be exact */
#define enough ((alive[0] && joined[0]) + (alive[1] && joined[1]) + (alive[2] && joined[2]) >= 2)

byte alive[N];       /* 1 if the meter runs */
bit  joined[N];      /* holds a token of the current LC */
bit  lc[N];          /* holds the LC role */
byte inRing[N];      /* epoch of the ring the meter is in, 0 if none */
byte k1[N];          /* k_i1 of the meter's current epoch */
byte lastEpoch[N];   /* persistent epoch counter */

byte lcEpoch;        /* keyed epoch of the (greatest) LC */
byte ring;           /* bitmask of the keyed members */
byte K;              /* the LC's K */

byte supEpoch;       /* supplier's key: epoch, members, K */
byte supRing;
byte supK;
byte staleEpoch;     /* a delayed duplicate of an older GroupKey, 0 if none */
byte staleRing;
byte staleK;

byte faults = FAULTS;   /* loss / duplication / conflict budget */
byte events = EVENTS;   /* join / leave / failure / rotation budget */
bit annLost;            /* an announcement was lost and the LCs have not met since */
bit exact;              /* some round decrypted exactly */
byte nlc;
byte cur;          /* index of the LC that keys the group */

byte delta[N];
bit gotDelta[N];
bit gotReq[N];
byte c[N];
bit sent[N];
byte e[N];

inline countLc() {
  nlc = lc[0] + lc[1] + lc[2]
}

inline lossy(ok) {
  /* a message is delivered, or lost while the fault budget lasts */
  if
  :: ok = 1
  :: faults > 0 -> faults--; ok = 0
  fi
}

/* §3.4: the LC (index l) re-keys with every alive joined meter whose share arrives. */
inline rekey(l) {
  byte i2; bit ok2; byte newRing; byte sum;
  newRing = 0; sum = 0;
  lcEpoch = (lcEpoch >= lastEpoch[l] -> lcEpoch : lastEpoch[l]) + 1;
  assert(lcEpoch < MAXEPOCH);
  i2 = 0;
  do
  :: i2 < N ->
     if
     :: alive[i2] && joined[i2] ->
        lossy(ok2);
        if
        :: ok2 || i2 == l ->
           lastEpoch[i2] = lcEpoch;
           select(sum : 0 .. 1);          /* fresh k_i1 for (G, ε): two values suffice for S1, S2 */
           k1[i2] = sum;
           newRing = newRing | (1 << i2);
           inRing[i2] = 0
        :: else -> inRing[i2] = 0
        fi
     :: else -> skip
     fi;
     i2++
  :: else -> break
  od;
  /* §3.4 step 3: below the minimum group size (2 here) nothing is keyed. */
  ring = 0; K = 0;
  if
  :: (((newRing >> 0) & 1) + ((newRing >> 1) & 1) + ((newRing >> 2) & 1)) >= 2 ->
     ring = newRing;
     i2 = 0;
     do
     :: i2 < N ->
        if
        :: (ring >> i2) & 1 ->
           K = (K + k1[i2]) & MASK;
           lossy(ok2);            /* SuccessorAssignment */
           if :: ok2 || i2 == l -> inRing[i2] = lcEpoch :: else -> skip fi
        :: else -> skip
        fi;
        i2++
     :: else -> break
     od;
     /* GroupKey to the supplier: lost, delivered, or delivered and duplicated late. */
     lossy(ok2);
     if
     :: ok2 && lcEpoch > supEpoch ->
        if
        :: faults > 0 && supEpoch > 0 -> faults--;
           staleEpoch = supEpoch; staleRing = supRing; staleK = supK
        :: true -> skip
        fi;
        supEpoch = lcEpoch; supRing = ring; supK = K
     :: else -> skip
     fi
  :: else -> skip
  fi;
  i2 = 0; ok2 = 0; newRing = 0; sum = 0
}

inline pred(i, p) {
  /* the previous keyed member in index order, cyclically */
  p = (i + N - 1) % N;
  if :: !((ring >> p) & 1) -> p = (p + N - 1) % N :: else -> skip fi;
  if :: !((ring >> p) & 1) -> p = (p + N - 1) % N :: else -> skip fi
}

/* §3.6 and §3.7: one round. */
inline round(l) {
  byte i3; byte p3; bit ok3; byte total; byte kij; byte sumk; byte n3; byte got;
  i3 = 0;
  do
  :: i3 < N -> gotReq[i3] = 0; gotDelta[i3] = 0; sent[i3] = 0; select(kij : 0 .. 1); e[i3] = kij; i3++
  :: else -> break
  od;
  /* request: supplier -> LC -> members */
  lossy(ok3);
  if
  :: ok3 && supEpoch < lcEpoch && ring != 0 ->
     /* §3.6 step 1: the LC answers a request of an older epoch with its GroupKey */
     lossy(ok3);
     if :: ok3 -> supEpoch = lcEpoch; supRing = ring; supK = K :: else -> skip fi
  :: ok3 && supEpoch == lcEpoch ->
     i3 = 0;
     do
     :: i3 < N ->
        if
        :: alive[i3] && inRing[i3] == lcEpoch && ((ring >> i3) & 1) ->
           lossy(ok3);
           gotReq[i3] = ok3 || i3 == l;
           if :: gotReq[i3] -> select(kij : 0 .. 1); delta[i3] = kij :: else -> skip fi
        :: else -> skip
        fi;
        i3++
     :: else -> break
     od;
     /* deltas in parallel, each to the successor */
     i3 = 0;
     do
     :: i3 < N ->
        if
        :: (ring >> i3) & 1 ->
           pred(i3, p3);
           if
           :: gotReq[p3] -> lossy(ok3); gotDelta[i3] = ok3
           :: else -> skip
           fi
        :: else -> skip
        fi;
        i3++
     :: else -> break
     od;
     /* encryption and the supplier's collection */
     total = 0; sumk = 0; n3 = 0; got = 0;
     i3 = 0;
     do
     :: i3 < N ->
        if
        :: gotReq[i3] && gotDelta[i3] ->
           pred(i3, p3);
           kij = (k1[i3] - delta[i3] + delta[p3] + M) & MASK;
           c[i3] = (e[i3] + kij) & MASK;
           lossy(ok3);
           /* the supplier accepts only its epoch's tokens */
           if
           :: ok3 && inRing[i3] == supEpoch && ((supRing >> i3) & 1) ->
              got = got | (1 << i3); total = (total + c[i3]) & MASK; sumk = (sumk + kij) & MASK
           :: else -> skip
           fi
        :: else -> skip
        fi;
        i3++
     :: else -> break
     od;
     /* the deadline: exact only when every member of the supplier's key contributed */
     if
     :: got == supRing && supRing != 0 ->
        n3 = 0; kij = 0; i3 = 0;
        do
        :: i3 < N -> if :: (supRing >> i3) & 1 -> kij = kij + e[i3] :: else -> skip fi; i3++
        :: else -> break
        od;
        assert(((total - supK + M) & MASK) == kij);   /* S1 */
        assert(sumk == supK);                           /* S2 */
        exact = 1
     :: else ->
        /* §3.8: void; the LC misses acks and re-registers */
        rekey(l)
     fi
  :: else -> skip
  fi;
  /* forget the round's temporaries so that they do not split states */
  i3 = 0;
  do
  :: i3 < N -> delta[i3] = 0; gotDelta[i3] = 0; gotReq[i3] = 0; c[i3] = 0; sent[i3] = 0; e[i3] = 0; i3++
  :: else -> break
  od;
  i3 = 0; p3 = 0; ok3 = 0; total = 0; kij = 0; sumk = 0; n3 = 0; got = 0
}

active proctype System() {
  byte i;
  /* start: meter 0 elects itself, the others join (discovery answered) */
  alive[0] = 1; alive[1] = 1; alive[2] = 1;
  lc[0] = 1; joined[0] = 1; joined[1] = 1; joined[2] = 1;
  cur = 0;
  atomic { rekey(cur) };
  nlc = 1;
  do
  :: atomic { round(cur) }
  /* a failure: the meter stops; the next round voids and the LC re-keys */
  :: atomic { events > 0 -> events--; select(i : 0 .. N - 1);
       if :: i != cur && alive[i] -> alive[i] = 0; exact = 0 :: else -> skip fi }
  /* recovery: licence, discovery, new token, re-key */
  :: atomic { events > 0 -> events--; select(i : 0 .. N - 1);
       if :: !alive[i] -> alive[i] = 1; joined[i] = 1; inRing[i] = 0; exact = 0; rekey(cur)
          :: else -> skip fi }
  /* leave */
  :: atomic { events > 0 -> events--; select(i : 0 .. N - 1);
       if :: i != cur && alive[i] && joined[i] -> joined[i] = 0; inRing[i] = 0; exact = 0; rekey(cur)
          :: else -> skip fi }
  /* rotation: hand-over to a random joined member, which re-keys */
  :: atomic { events > 0 -> events--; select(i : 0 .. N - 1);
       if :: i != cur && alive[i] && joined[i] -> lc[cur] = 0; lc[i] = 1; cur = i; exact = 0; countLc(); rekey(cur)
          :: else -> skip fi }
  /* a second LC elects itself: its discovery and the announcements were lost */
  :: atomic { faults > 0 -> faults--; select(i : 0 .. N - 1);
       if :: i != cur && alive[i] && !lc[i] -> lc[i] = 1; annLost = 1; countLc()
          :: else -> skip fi }
  /* a licensed member j that is not the LC hands the LC role to member i (§11.1 rule (a)) */
  :: atomic { faults > 0 -> faults--; select(i : 0 .. N - 1);
       if
       :: i != cur && alive[i] && joined[i] && !lc[i] ->
#ifdef NO_SENDER_RULE
          lc[i] = 1; countLc()
#else
          skip   /* refused: not from the LC i follows (CMT-V-08), state unchanged */
#endif
       :: else -> skip
       fi }
  /* a late duplicate of an older group key reaches the supplier: refused (CMT-S-02) */
  :: atomic { staleEpoch > 0 ->
       if
       :: staleEpoch > supEpoch -> supEpoch = staleEpoch; supRing = staleRing; supK = staleK
       :: else -> skip
       fi;
       staleEpoch = 0
     }
  od
}
/* The LC's registration deadline below the minimum asks the members again (§3.4 step 3);
 * a separate process, so that weak fairness makes it happen while it is enabled. */
active proctype RegistrationDeadline() {
  do
  :: atomic { ring == 0 && enough && lcEpoch + 1 < MAXEPOCH -> rekey(cur) }
  od
}

/* The LCs hear each other's announcements: the smaller hands its members to the greater, which
 * re-keys. A separate process, so that weak fairness makes it happen while two LCs exist. */
active proctype Announcements() {
  byte other;
  do
  :: atomic { nlc > 1 ->
       other = 0;
       do
       :: other < N && (!lc[other] || other == cur) -> other++
       :: other < N && lc[other] && other != cur -> break
       :: other == N -> break
       od;
       if
       :: other < N -> lc[other] = 0; countLc(); annLost = (nlc > 1); rekey(cur)
       :: else -> countLc(); annLost = (nlc > 1)
       fi;
       other = 0
     }
  od
}

/* S3 as an invariant checked in the safety run: a monitor that fires only on a violation. */
active proctype StableOneLc() {
end: atomic { (!annLost && nlc > 1) -> assert(false) }
}

ltl stable_one_lc { [] ((!annLost) -> (nlc <= 1)) }
ltl converge { [] ((nlc > 1) -> <> (nlc == 1)) }
ltl live { <> [] (exact || !enough) }
