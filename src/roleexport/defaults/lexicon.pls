<?xml version="1.0" encoding="UTF-8"?>
<!--
  How the terms that pages share are said (W3C PLS 1.0). An <alias> is said instead of the
  written form (SSML <sub alias>). An alias of single letters or digits separated by spaces
  ("C C P") means "spell it out" (SSML <say-as interpret-as="characters">); an all-capitals
  term with no entry here is spelled out too. Expansions live in glossary.yaml.
-->
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" xml:lang="en-US">
  <lexeme><grapheme>ECMO</grapheme><alias>eck-mo</alias></lexeme>
  <lexeme><grapheme>CAAHEP</grapheme><alias>kay-hep</alias></lexeme>
  <lexeme><grapheme>CABG</grapheme><alias>cabbage</alias></lexeme>
  <lexeme><grapheme>ELSO</grapheme><alias>ell-so</alias></lexeme>
  <lexeme><grapheme>INVOS</grapheme><alias>in-vose</alias></lexeme>
  <lexeme><grapheme>TAVR</grapheme><alias>tav-er</alias></lexeme>
  <lexeme><grapheme>MitraClip</grapheme><alias>my-tra clip</alias></lexeme>
  <lexeme><grapheme>SvO2</grapheme><alias>S V O 2</alias></lexeme>
  <lexeme><grapheme>CCP</grapheme><alias>C C P</alias></lexeme>
  <lexeme><grapheme>ABCP</grapheme><alias>A B C P</alias></lexeme>
  <lexeme><grapheme>ACT</grapheme><alias>A C T</alias></lexeme>
  <lexeme><grapheme>ABG</grapheme><alias>A B G</alias></lexeme>
  <lexeme><grapheme>IABP</grapheme><alias>I A B P</alias></lexeme>
  <lexeme><grapheme>ARDS</grapheme><alias>A R D S</alias></lexeme>
  <lexeme><grapheme>ICU</grapheme><alias>I C U</alias></lexeme>
</lexicon>
