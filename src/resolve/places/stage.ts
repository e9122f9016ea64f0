// Stage: place mentions. (First skeleton: to be replaced by the offline geocoder.)
import { defineStage } from '../../pipeline.js';

export const placesStage = defineStage({
  name: 'places',
  requires: ['sentences', 'tokens', 'actors'],
  assigns: ['places'],
  run() {
    return { places: [] };
  },
});
