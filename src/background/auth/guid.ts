export { isGuid, sameGuid } from '../../shared/guid';
