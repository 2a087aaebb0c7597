;; lif_simd.wat: the spiking layer's kernels (slots 26-29 of stub.wat) in
;; SIMD128: the spike-driven products and the leaky integrate-and-fire
;; recurrence forward and back (kernels/lif.go has their semantics and Go
;; bodies).
;;
;; Four elements go per vector: the entries of a row in the active-row
;; products, four neurons of one step in the recurrence (which runs along
;; time, each neuron on its own). A tail of 1-3 goes through the scalar
;; loop that lif_scalar.wat uses for everything, so nothing outside an
;; operand is read or written. Pointers are byte addresses into Go's memory
;; aligned to 4 bytes only.
;;
;; Every value is computed with the operations of the Go bodies in their
;; order (float32, no FMA), so SIMD, scalar and Go bodies agree to the bit
;; (Go on amd64; on arm64 Go fuses a*x+y). The selects of the recurrence
;; (V = H unless H > θ, the β·g[t+1] term unless H > θ) are bit selects on
;; a comparison's mask, which give Go's results for NaN too (NaN > θ is
;; false).
(module
  (import "go" "mem" (memory 0))
  (import "env" "kernels" (table 64 funcref))

  (type $active (func (param i32 i32 i32 i32 i32 i32)))
  (type $lif_forward (func (param i32 i32 i32 f32 f32 i32 i32 i32)))
  (type $lif_backward (func (param i32 i32 i32 f32 f32 f32 i32 i32 i32)))

  (elem (i32.const 26) func $gather_active_rows $scatter_active_rows $lif_forward $lif_backward)

  ;; y[0:len] += x[i]·a[i·lda : i·lda+len] for each i < n with x[i] != 0 (NaN included)
  (func $gather_active_rows (export "gather_active_rows") (type $active) (param $n i32) (param $x i32) (param $a i32) (param $lda i32) (param $len i32) (param $y i32)
    (local $v f32) (local $va v128) (local $end i32) (local $p i32) (local $q i32) (local $m i32)
    (local.set $lda (i32.shl (local.get $lda) (i32.const 2)))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $v (f32.load (local.get $x)))
        (if (f32.ne (local.get $v) (f32.const 0))
          (then
            (local.set $p (local.get $a))
            (local.set $q (local.get $y))
            (local.set $m (local.get $len))
            (local.set $va (f32x4.splat (local.get $v)))
            (block $vdone
              (loop $vl
                (br_if $vdone (i32.lt_s (local.get $m) (i32.const 4)))
                (v128.store (local.get $q)
                  (f32x4.add (v128.load (local.get $q))
                    (f32x4.mul (local.get $va) (v128.load (local.get $p)))))
                (local.set $p (i32.add (local.get $p) (i32.const 16)))
                (local.set $q (i32.add (local.get $q) (i32.const 16)))
                (local.set $m (i32.sub (local.get $m) (i32.const 4)))
                (br $vl)))
            (block $sdone
              (loop $sl
                (br_if $sdone (i32.le_s (local.get $m) (i32.const 0)))
                (f32.store (local.get $q)
                  (f32.add (f32.load (local.get $q))
                    (f32.mul (local.get $v) (f32.load (local.get $p)))))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (local.set $q (i32.add (local.get $q) (i32.const 4)))
                (local.set $m (i32.sub (local.get $m) (i32.const 1)))
                (br $sl)))))
        (local.set $a (i32.add (local.get $a) (local.get $lda)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (br $rows))))

  ;; a[i·lda : i·lda+len] += x[i]·y[0:len] for each i < n with x[i] != 0 (NaN included)
  (func $scatter_active_rows (export "scatter_active_rows") (type $active) (param $n i32) (param $x i32) (param $a i32) (param $lda i32) (param $len i32) (param $y i32)
    (local $v f32) (local $va v128) (local $end i32) (local $p i32) (local $q i32) (local $m i32)
    (local.set $lda (i32.shl (local.get $lda) (i32.const 2)))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $v (f32.load (local.get $x)))
        (if (f32.ne (local.get $v) (f32.const 0))
          (then
            (local.set $p (local.get $a))
            (local.set $q (local.get $y))
            (local.set $m (local.get $len))
            (local.set $va (f32x4.splat (local.get $v)))
            (block $vdone
              (loop $vl
                (br_if $vdone (i32.lt_s (local.get $m) (i32.const 4)))
                (v128.store (local.get $p)
                  (f32x4.add (v128.load (local.get $p))
                    (f32x4.mul (local.get $va) (v128.load (local.get $q)))))
                (local.set $p (i32.add (local.get $p) (i32.const 16)))
                (local.set $q (i32.add (local.get $q) (i32.const 16)))
                (local.set $m (i32.sub (local.get $m) (i32.const 4)))
                (br $vl)))
            (block $sdone
              (loop $sl
                (br_if $sdone (i32.le_s (local.get $m) (i32.const 0)))
                (f32.store (local.get $p)
                  (f32.add (f32.load (local.get $p))
                    (f32.mul (local.get $v) (f32.load (local.get $q)))))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (local.set $q (i32.add (local.get $q) (i32.const 4)))
                (local.set $m (i32.sub (local.get $m) (i32.const 1)))
                (br $sl)))))
        (local.set $a (i32.add (local.get $a) (local.get $lda)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (br $rows))))

  ;; H = β·V[t-1] + I, V[t-1] = H[t-1] unless H[t-1] > θ (then 0), V[-1] = 0;
  ;; S = 1 if H > θ else 0. Frames are the rows·steps steps of n neurons,
  ;; t the step within the row.
  (func $lif_forward (export "lif_forward") (type $lif_forward) (param $rows i32) (param $steps i32) (param $n i32)
    (param $beta f32) (param $th f32) (param $cur i32) (param $h i32) (param $s i32)
    (local $frames i32) (local $t i32) (local $nb i32) (local $j i32)
    (local $b v128) (local $tv v128) (local $prev v128) (local $hv v128) (local $pf f32) (local $hs f32)
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (local.set $b (f32x4.splat (local.get $beta)))
    (local.set $tv (f32x4.splat (local.get $th)))
    (local.set $frames (i32.mul (local.get $rows) (local.get $steps)))
    (block $done
      (loop $frame
        (br_if $done (i32.le_s (local.get $frames) (i32.const 0)))
        (local.set $j (local.get $n))
        (block $vdone
          (loop $vl
            (br_if $vdone (i32.lt_s (local.get $j) (i32.const 4)))
            (local.set $prev (v128.const i32x4 0 0 0 0))
            (if (i32.gt_s (local.get $t) (i32.const 0))
              (then (local.set $prev (v128.load (i32.sub (local.get $h) (local.get $nb))))))
            (local.set $hv (f32x4.add
              (f32x4.mul (local.get $b)
                (v128.andnot (local.get $prev) (f32x4.gt (local.get $prev) (local.get $tv))))
              (v128.load (local.get $cur))))
            (v128.store (local.get $h) (local.get $hv))
            (v128.store (local.get $s)
              (v128.and (f32x4.gt (local.get $hv) (local.get $tv)) (v128.const f32x4 1 1 1 1)))
            (local.set $cur (i32.add (local.get $cur) (i32.const 16)))
            (local.set $h (i32.add (local.get $h) (i32.const 16)))
            (local.set $s (i32.add (local.get $s) (i32.const 16)))
            (local.set $j (i32.sub (local.get $j) (i32.const 4)))
            (br $vl)))
        (block $sdone
          (loop $sl
            (br_if $sdone (i32.le_s (local.get $j) (i32.const 0)))
            (local.set $pf (f32.const 0))
            (if (i32.gt_s (local.get $t) (i32.const 0))
              (then (local.set $pf (f32.load (i32.sub (local.get $h) (local.get $nb))))))
            (local.set $hs (f32.add
              (f32.mul (local.get $beta)
                (select (f32.const 0) (local.get $pf) (f32.gt (local.get $pf) (local.get $th))))
              (f32.load (local.get $cur))))
            (f32.store (local.get $h) (local.get $hs))
            (f32.store (local.get $s)
              (select (f32.const 1) (f32.const 0) (f32.gt (local.get $hs) (local.get $th))))
            (local.set $cur (i32.add (local.get $cur) (i32.const 4)))
            (local.set $h (i32.add (local.get $h) (i32.const 4)))
            (local.set $s (i32.add (local.get $s) (i32.const 4)))
            (local.set $j (i32.sub (local.get $j) (i32.const 1)))
            (br $sl)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (if (i32.eq (local.get $t) (local.get $steps)) (then (local.set $t (i32.const 0))))
        (local.set $frames (i32.sub (local.get $frames) (i32.const 1)))
        (br $frame))))

  ;; g = ds·(α/2)/(1 + (c·(H-θ))²), c = (π/2 as float32)·α, plus β·g[t+1]
  ;; unless H > θ or t is the row's last step. Frames run backwards.
  (func $lif_backward (export "lif_backward") (type $lif_backward) (param $rows i32) (param $steps i32) (param $n i32)
    (param $beta f32) (param $th f32) (param $alpha f32) (param $h i32) (param $ds i32) (param $g i32)
    (local $f i32) (local $t i32) (local $nb i32) (local $j i32) (local $off i32)
    (local $ph i32) (local $pd i32) (local $pg i32)
    (local $c f32) (local $half f32) (local $hs f32) (local $as f32) (local $gs f32)
    (local $b v128) (local $tv v128) (local $cv v128) (local $hv v128) (local $halfv v128)
    (local $hk v128) (local $av v128) (local $gv v128)
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (local.set $c (f32.mul (f32.const 0x1.921fb6p+0) (local.get $alpha)))
    (local.set $half (f32.mul (local.get $alpha) (f32.const 0.5)))
    (local.set $b (f32x4.splat (local.get $beta)))
    (local.set $tv (f32x4.splat (local.get $th)))
    (local.set $cv (f32x4.splat (local.get $c)))
    (local.set $halfv (f32x4.splat (local.get $half)))
    (local.set $f (i32.sub (i32.mul (local.get $rows) (local.get $steps)) (i32.const 1)))
    (local.set $t (i32.sub (local.get $steps) (i32.const 1)))
    (block $done
      (loop $frame
        (br_if $done (i32.lt_s (local.get $f) (i32.const 0)))
        (local.set $off (i32.mul (local.get $f) (local.get $nb)))
        (local.set $ph (i32.add (local.get $h) (local.get $off)))
        (local.set $pd (i32.add (local.get $ds) (local.get $off)))
        (local.set $pg (i32.add (local.get $g) (local.get $off)))
        (local.set $j (local.get $n))
        (block $vdone
          (loop $vl
            (br_if $vdone (i32.lt_s (local.get $j) (i32.const 4)))
            (local.set $hk (v128.load (local.get $ph)))
            (local.set $av (f32x4.mul (local.get $cv) (f32x4.sub (local.get $hk) (local.get $tv))))
            (local.set $gv (f32x4.mul (v128.load (local.get $pd))
              (f32x4.div (local.get $halfv)
                (f32x4.add (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $av) (local.get $av))))))
            (if (i32.lt_s (local.get $t) (i32.sub (local.get $steps) (i32.const 1)))
              (then
                (local.set $gv (v128.bitselect
                  (local.get $gv)
                  (f32x4.add (local.get $gv)
                    (f32x4.mul (local.get $b) (v128.load (i32.add (local.get $pg) (local.get $nb)))))
                  (f32x4.gt (local.get $hk) (local.get $tv))))))
            (v128.store (local.get $pg) (local.get $gv))
            (local.set $ph (i32.add (local.get $ph) (i32.const 16)))
            (local.set $pd (i32.add (local.get $pd) (i32.const 16)))
            (local.set $pg (i32.add (local.get $pg) (i32.const 16)))
            (local.set $j (i32.sub (local.get $j) (i32.const 4)))
            (br $vl)))
        (block $sdone
          (loop $sl
            (br_if $sdone (i32.le_s (local.get $j) (i32.const 0)))
            (local.set $hs (f32.load (local.get $ph)))
            (local.set $as (f32.mul (local.get $c) (f32.sub (local.get $hs) (local.get $th))))
            (local.set $gs (f32.mul (f32.load (local.get $pd))
              (f32.div (local.get $half)
                (f32.add (f32.const 1) (f32.mul (local.get $as) (local.get $as))))))
            (if (i32.and
                  (i32.lt_s (local.get $t) (i32.sub (local.get $steps) (i32.const 1)))
                  (i32.eqz (f32.gt (local.get $hs) (local.get $th))))
              (then
                (local.set $gs (f32.add (local.get $gs)
                  (f32.mul (local.get $beta) (f32.load (i32.add (local.get $pg) (local.get $nb))))))))
            (f32.store (local.get $pg) (local.get $gs))
            (local.set $ph (i32.add (local.get $ph) (i32.const 4)))
            (local.set $pd (i32.add (local.get $pd) (i32.const 4)))
            (local.set $pg (i32.add (local.get $pg) (i32.const 4)))
            (local.set $j (i32.sub (local.get $j) (i32.const 1)))
            (br $sl)))
        (local.set $t (i32.sub (local.get $t) (i32.const 1)))
        (if (i32.lt_s (local.get $t) (i32.const 0))
          (then (local.set $t (i32.sub (local.get $steps) (i32.const 1)))))
        (local.set $f (i32.sub (local.get $f) (i32.const 1)))
        (br $frame))))
)
